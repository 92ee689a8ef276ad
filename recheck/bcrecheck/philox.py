"""Philox4x32-10 (Salmon, Moraes, Dror, Shaw, SC 2011) and the stream keying of
basincheck's runs, written from the published algorithm and from the keying as
documented in docs/certificates.md.

Sample `index` of stream `stream` under run seed `seed` reads the Philox
blocks of key K = splitmix64(seed XOR splitmix64(stream + 0x632BE59BD9B4E019))
(key words: low 32 bits, high 32 bits) and counters
(index low, index high, block low, block high), block = 0, 1, ...; the four
words of a block are used in order.
"""
from fractions import Fraction

MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF
M0, M1 = 0xD2511F53, 0xCD9E8D57  # multipliers
W0, W1 = 0x9E3779B9, 0xBB67AE85  # key increments (Weyl sequence)


def philox4x32(ctr, key, rounds=10):
    """The Philox4x32 block function: four 32-bit words from four counter
    words and two key words; the key is bumped before every round but the
    first."""
    c0, c1, c2, c3 = ctr
    k0, k1 = key
    for r in range(rounds):
        if r > 0:
            k0, k1 = (k0 + W0) & MASK32, (k1 + W1) & MASK32
        p0, p1 = M0 * c0, M1 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0) & MASK32, p1 & MASK32, ((p0 >> 32) ^ c3 ^ k1) & MASK32, p0 & MASK32
    return (c0, c1, c2, c3)


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def stream_id(name):
    """64-bit FNV-1a hash of the stream's name (UTF-8 bytes)."""
    h = 0xCBF29CE484222325
    for byte in name.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & MASK64
    return h


class Stream:
    """The random words of one sample."""

    def __init__(self, seed, stream, index):
        k = splitmix64(seed ^ splitmix64((stream + 0x632BE59BD9B4E019) & MASK64))
        self.key = (k & MASK32, k >> 32)
        self.index = index
        self.block = 0
        self.buf = []

    def u32(self):
        if not self.buf:
            ctr = (self.index & MASK32, self.index >> 32, self.block & MASK32, self.block >> 32)
            self.buf = list(philox4x32(ctr, self.key))
            self.block += 1
        return self.buf.pop(0)

    def u64(self):
        high = self.u32()
        return (high << 32) | self.u32()

    def uniform(self):
        """Uniform on (0, 1) as the harness computes it in binary64:
        ((double) k + 0.5) 2^-52 with k = u64 / 2^12 (integer part), exact
        (k + 1/2 < 2^52 has at most 53 bits): (2k + 1) / 2^53."""
        k = self.u64() >> 12
        return Fraction(2 * k + 1, 1 << 53)

    def below(self, n):
        """Uniform integer in [0, n) by rejection above the largest multiple
        of n that is at most 2^64 - 1."""
        lim = MASK64 - MASK64 % n
        while True:
            x = self.u64()
            if x < lim:
                return x % n
