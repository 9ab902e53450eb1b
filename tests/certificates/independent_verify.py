#!/usr/bin/env python3
"""Verifies a Cohort certificate's Open Badges credential (eddsa-jcs-2022) or the certificate
itself without any Cohort code: the Python standard library for JSON canonicalisation, SHA-256
and base58, and the OpenSSL command line for the Ed25519 signature.

    independent_verify.py credential NUMBER.credential.json
    independent_verify.py certificate NUMBER.json

Exit status: 0 when OpenSSL verifies the signature, 1 when it does not, 2 on bad input.
JCS here is json.dumps with sorted keys and no whitespace: exact for the data Cohort writes
(strings, integers, short decimals); RFC 8785 differs only for rare number spellings."""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58_decode(text):
    number = 0
    for ch in text:
        number = number * 58 + ALPHABET.index(ch)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def jcs(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def did_key_public_key(method):
    did = method.split("#")[0]
    if not did.startswith("did:key:z"):
        raise ValueError("not a did:key: " + method)
    decoded = base58_decode(did[len("did:key:z"):])
    if decoded[:2] != b"\xed\x01" or len(decoded) != 34:
        raise ValueError("not an Ed25519 did:key: " + method)
    return did, decoded[2:]


def openssl_verify(public_key, message, signature):
    der = bytes.fromhex("302a300506032b6570032100") + public_key
    with tempfile.TemporaryDirectory() as tmp:
        paths = {name: os.path.join(tmp, name) for name in ("key.pem", "message.bin", "signature.bin")}
        with open(paths["key.pem"], "w") as f:
            f.write("-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(der).decode() + "\n-----END PUBLIC KEY-----\n")
        with open(paths["message.bin"], "wb") as f:
            f.write(message)
        with open(paths["signature.bin"], "wb") as f:
            f.write(signature)
        result = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.pem"], "-rawin",
                                 "-in", paths["message.bin"], "-sigfile", paths["signature.bin"]],
                                capture_output=True, text=True)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        return result.returncode == 0


def check_credential(doc):
    proof = dict(doc["proof"])
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != "eddsa-jcs-2022":
        raise ValueError("not an eddsa-jcs-2022 Data Integrity proof")
    proof_value = proof.pop("proofValue")
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    proof.setdefault("@context", unsecured.get("@context"))
    did, public_key = did_key_public_key(proof["verificationMethod"])
    issuer = doc["issuer"]["id"] if isinstance(doc["issuer"], dict) else doc["issuer"]
    if issuer != did:
        raise ValueError("issuer %s is not the signer %s" % (issuer, did))
    hash_data = hashlib.sha256(jcs(proof)).digest() + hashlib.sha256(jcs(unsecured)).digest()
    print("hashData " + hash_data.hex())
    return openssl_verify(public_key, hash_data, base58_decode(proof_value[1:]))


def check_certificate(doc):
    signature = dict(doc["signature"])
    value = signature.pop("value")
    signed = dict(doc)
    signed["signature"] = signature
    _, public_key = did_key_public_key(signature["verification_method"])
    return openssl_verify(public_key, jcs(signed), base58_decode(value[1:]))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("credential", "certificate"):
        sys.stderr.write(__doc__)
        return 2
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    try:
        ok = check_credential(doc) if sys.argv[1] == "credential" else check_certificate(doc)
    except (KeyError, ValueError) as e:
        sys.stderr.write("cannot check: %s\n" % e)
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
