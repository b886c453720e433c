"""Backups encrypted with a passphrase, so a copy that leaves the server is safe to keep.

The key comes from the passphrase through scrypt (a fresh random salt per file); the backup is
encrypted with AES-256-GCM in chunks of 1 MiB (the STREAM construction: each chunk's nonce holds
its number and whether it is the last one), so a large backup never has to fit in memory, and a
changed, reordered or cut-short file is refused rather than restored in part. The cipher is the
``cryptography`` package's; nothing here invents its own.

File layout: ``MAGIC``, the scrypt cost (log2 n, r, p: one byte each), the 16-byte salt and the
7-byte nonce prefix (together the header, which every chunk authenticates), then the chunks.
"""

import hashlib
import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"PORTAL-BACKUP-ENCRYPTED-1\n"
CHUNK = 1024 * 1024
TAG = 16
SALT = 16
NONCE_PREFIX = 7
# scrypt: n = 2**15, r = 8, p = 1 takes 32 MiB and a fraction of a second, as OWASP suggests.
LOG2_N, R, P = 15, 8, 1
MAX_LOG2_N, MAX_R, MAX_P = 20, 16, 4  # a later version may raise the cost, within reason
HEADER = len(MAGIC) + 3 + SALT + NONCE_PREFIX


class DecryptionError(Exception):
    pass


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not passphrase:
        raise DecryptionError("The passphrase is empty.")
    n = 2**log2_n
    return hashlib.scrypt(
        passphrase.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32
    )


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">I?", number, last)


def encrypt(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    """Write ``source`` to ``target``, encrypted with ``passphrase``."""
    if not passphrase:
        raise ValueError("An empty passphrase would protect nothing.")
    salt, prefix = os.urandom(SALT), os.urandom(NONCE_PREFIX)
    header = MAGIC + bytes([LOG2_N, R, P]) + salt + prefix
    cipher = AESGCM(_key(passphrase, salt, LOG2_N, R, P))
    target.write(header)
    number, chunk = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        target.write(cipher.encrypt(_nonce(prefix, number, last), chunk, header))
        if last:
            return
        number, chunk = number + 1, following


def decrypt(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    """Write the backup in ``source`` to ``target``; DecryptionError if the passphrase is wrong
    or the file was changed or cut short (``target`` then holds no usable backup)."""
    header = source.read(HEADER)
    if len(header) < HEADER or not header.startswith(MAGIC):
        raise DecryptionError("This is not an encrypted backup.")
    log2_n, r, p = header[len(MAGIC) : len(MAGIC) + 3]
    if not (LOG2_N <= log2_n <= MAX_LOG2_N and 1 <= r <= MAX_R and 1 <= p <= MAX_P):
        raise DecryptionError("This backup's key settings are not ones this site writes.")
    salt = header[len(MAGIC) + 3 : len(MAGIC) + 3 + SALT]
    prefix = header[-NONCE_PREFIX:]
    cipher = AESGCM(_key(passphrase, salt, log2_n, r, p))
    number, chunk = 0, source.read(CHUNK + TAG)
    while True:
        following = source.read(CHUNK + TAG)
        last = not following
        try:
            target.write(cipher.decrypt(_nonce(prefix, number, last), chunk, header))
        except InvalidTag:
            raise DecryptionError(
                "The passphrase is wrong, or the backup file was changed or cut short."
            ) from None
        if last:
            return
        number, chunk = number + 1, following
