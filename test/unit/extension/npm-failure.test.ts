import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeNpmFailure } from '../../../extension/runtime/npm-failure';

test('offline: the libtensorflow download host is named, not npm\'s log footer', () => {
  const lines = [
    'npm error code 1', 'npm error path /x/node_modules/@tensorflow/tfjs-node-gpu',
    "npm error Error: getaddrinfo ENOTFOUND storage.googleapis.com", 'npm error     at GetAddrInfoReqWrap.onlookupall',
    "npm error   code: 'ENOTFOUND',", "npm error   hostname: 'storage.googleapis.com'", 'npm error }', 'npm error',
    'npm error Node.js v20.20.2', 'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log',
  ];
  assert.equal(summarizeNpmFailure(lines),
    'could not reach storage.googleapis.com (the package downloads libtensorflow from there): ENOTFOUND. Check the internet connection or proxy settings.');
});

test('registry answers are passed on; otherwise the last error line', () => {
  assert.equal(summarizeNpmFailure(['npm error code E404', 'npm error 404 Not Found - GET https://registry/x']), 'code E404');
  assert.equal(summarizeNpmFailure(['npm error gyp ERR! build error', 'npm error A complete log of this run can be found in: x']),
    'gyp ERR! build error');
  assert.match(summarizeNpmFailure([]), /output channel/);
});
