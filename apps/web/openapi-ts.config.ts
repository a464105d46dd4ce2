// @hey-api/openapi-ts: the api's client, generated from apps/web/openapi.json (`npm run web:client`).
// WEB_CLIENT_INPUT and WEB_CLIENT_OUTPUT redirect it (the drift test generates into a temporary folder).
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: process.env.WEB_CLIENT_INPUT ?? 'apps/web/openapi.json',
  output: process.env.WEB_CLIENT_OUTPUT ?? 'apps/web/src/api/generated',
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
});
