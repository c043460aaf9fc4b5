// Reads {token, alg, key, issuer, audience} as JSON on stdin, verifies the
// token with jose (the key is a PEM public key for RS256 or the secret for
// HS256) and prints {header, payload} as JSON, or exits 1 with the reason.
import { jwtVerify, importSPKI } from 'jose';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const req = JSON.parse(Buffer.concat(chunks).toString('utf8'));
try {
  const key = req.alg === 'HS256' ? new TextEncoder().encode(req.key) : await importSPKI(req.key, req.alg);
  const { payload, protectedHeader } = await jwtVerify(req.token, key, {
    algorithms: [req.alg],
    issuer: req.issuer,
    audience: req.audience,
    requiredClaims: ['exp', 'nbf', 'iat', 'jti', 'room', 'sub'],
  });
  process.stdout.write(JSON.stringify({ header: protectedHeader, payload }));
} catch (err) {
  process.stderr.write(`jose: ${err.code || ''} ${err.message}\n`);
  process.exit(1);
}
