// s3rver ships no types; infra/local/s3.ts types the little it uses.
declare module 's3rver';
