// Shared stdin/stdout helpers for the jose-*.mjs interop scripts: JSON in on stdin, JSON out on stdout.
export async function readStdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function writeJson(value) {
  process.stdout.write(JSON.stringify(value));
}
