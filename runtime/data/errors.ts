/** A problem with the training data that the user can fix (bad path, column, image size…). */
export class DataError extends Error {
  override readonly name = 'DataError';
  /** The file or folder involved, when there is one. */
  readonly file: string | undefined;

  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}
