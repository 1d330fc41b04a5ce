// s3rver, the most used Node fake S3, as the comparison baseline.
// It stores on the filesystem, so it gets a throwaway directory per process.
import S3rver from 's3rver';
import { serveUntilStopped } from './child';
import { scratchDir } from './scratch';

serveUntilStopped(async () => {
  const scratch = scratchDir('s3rver');
  const directory = scratch.dir;
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const addr = await server.run();
  return {
    endpoint: `http://127.0.0.1:${addr.port}`,
    // s3rver's fixed dummy account; it checks the signature's HMAC.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    stop: async () => {
      await server.close();
      scratch.remove();
    },
  };
});
