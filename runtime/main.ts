/**
 * Entry point of the runtime child process: wires the IPC channel to the request handlers, nothing else.
 * Started by the extension with `child_process.fork(dist/runtime.js, { serialization: 'advanced' })`.
 */
import { processChannel } from './ipc/channel';
import { serve } from './server';
import { createHandlers } from './handlers';

const channel = processChannel();
// The runtime never outlives the extension host: when IPC closes, exit (training state is already on disk).
channel.onDisconnect(() => process.exit(0));
serve(channel, createHandlers(channel));
