"""TLS for the reflector's control port: a given certificate, or a self-signed one made at start.

The client does not verify the certificate (``sip.protocol.client_context``): TLS here only hides
the SIP from an ALG, so a self-signed certificate is as good as a bought one for the control test.
"""

from __future__ import annotations

import datetime
import ssl
import tempfile
from pathlib import Path


def self_signed_pem(common_name: str = "sipalg-reflector") -> tuple[bytes, bytes]:
    """(certificate PEM, private key PEM): an ECDSA P-256 key, valid for 30 days."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(common_name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def server_context(cert_file: str | None = None, key_file: str | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if cert_file:
        context.load_cert_chain(cert_file, key_file)
        return context
    cert_pem, key_pem = self_signed_pem()
    # load_cert_chain only reads files; keep them only as long as it takes to load them.
    with tempfile.TemporaryDirectory(prefix="sipalg-tls-") as tmp:
        cert_path, key_path = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
        key_path.touch(mode=0o600)
        key_path.write_bytes(key_pem)
        cert_path.write_bytes(cert_pem)
        context.load_cert_chain(str(cert_path), str(key_path))
    return context

