/**
 * A passkey authenticator in software, for unit tests: it answers registration and sign-in
 * options the way a browser's navigator.credentials would (as @simplewebauthn/browser sends it),
 * with a P-256 key, "none" attestation and a signature counter. Built from node:crypto and the
 * WebAuthn spec, not from the library under test.
 */
import crypto from "node:crypto";

type CborValue = number | string | Uint8Array | CborValue[] | Map<number | string, CborValue>;

/** The little of CBOR that attestation objects and COSE keys use. */
function cbor(value: CborValue): Buffer {
  const head = (major: number, length: number) => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 256) return Buffer.from([(major << 5) | 24, length]);
    if (length < 65536) return Buffer.from([(major << 5) | 25, length >> 8, length & 255]);
    throw new Error("too long for this encoder");
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => crypto.createHash("sha256").update(data).digest();

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export type SoftCredential = {
  id: string;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  rpID: string;
  userHandle: string;
  counter: number;
};

/** A new passkey for these registration options, and the response the browser would send. */
export function softRegister(
  options: { challenge: string; rp: { id?: string }; user: { id: string } },
  {
    origin,
    rpID = options.rp.id!,
    type = "webauthn.create",
    userVerified = true,
  }: { origin: string; rpID?: string; type?: string; userVerified?: boolean },
) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const coseKey = new Map<number, CborValue>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x!, "base64url")],
    [-3, Buffer.from(jwk.y!, "base64url")],
  ]);
  const credentialId = crypto.randomBytes(16);
  const counter = 0;
  const authData = Buffer.concat([
    sha256(rpID),
    Buffer.from([UP | (userVerified ? UV : 0) | AT]),
    u32(counter),
    Buffer.alloc(16),
    Buffer.from([0, credentialId.length]),
    credentialId,
    cbor(coseKey),
  ]);
  const clientDataJSON = JSON.stringify({ type, challenge: options.challenge, origin, crossOrigin: false });
  const attestationObject = cbor(
    new Map<string, CborValue>([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", authData],
    ]),
  );
  const credential: SoftCredential = {
    id: b64url(credentialId),
    privateKey,
    publicKey,
    rpID,
    userHandle: options.user.id,
    counter,
  };
  return {
    credential,
    response: {
      id: credential.id,
      rawId: credential.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ["internal" as const],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform" as const,
    },
  };
}

/** The response of signing in with `credential` to these options (its counter moves on by one). */
export function softAuthenticate(
  credential: SoftCredential,
  options: { challenge: string },
  {
    origin,
    counter = credential.counter + 1,
    userVerified = true,
  }: { origin: string; counter?: number; userVerified?: boolean },
) {
  credential.counter = counter;
  const authData = Buffer.concat([sha256(credential.rpID), Buffer.from([UP | (userVerified ? UV : 0)]), u32(counter)]);
  const clientDataJSON = JSON.stringify({
    type: "webauthn.get",
    challenge: options.challenge,
    origin,
    crossOrigin: false,
  });
  const signature = crypto.sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
  return {
    id: credential.id,
    rawId: credential.id,
    type: "public-key" as const,
    response: {
      clientDataJSON: b64url(clientDataJSON),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: credential.userHandle,
    },
    clientExtensionResults: {},
    authenticatorAttachment: "platform" as const,
  };
}

function u32(n: number) {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(n);
  return buffer;
}
