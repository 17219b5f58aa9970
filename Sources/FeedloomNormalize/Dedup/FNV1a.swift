/// FNV-1a, 64 bits: a small, fast, stable (run-to-run and platform-to-platform) hash for keys
/// and fingerprints. Not cryptographic; Swift's `Hasher` is seeded per process, so unusable here.
struct FNV1a {
  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  private(set) var value: UInt64 = FNV1a.offsetBasis

  @inline(__always)
  mutating func add(_ byte: UInt8) {
    value = (value ^ UInt64(byte)) &* FNV1a.prime
  }

  mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    for b in bytes { add(b) }
  }

  /// Mixes in a 64-bit value, byte by byte, little end first.
  mutating func add(_ word: UInt64) {
    var w = word
    for _ in 0..<8 {
      add(UInt8(truncatingIfNeeded: w))
      w >>= 8
    }
  }

  static func hash(_ s: String) -> UInt64 {
    var h = FNV1a()
    h.add(s.utf8)
    return h.value
  }

  /// Sixteen lower-case hex digits.
  static func hex(_ value: UInt64) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8](repeating: 0, count: 16)
    var v = value
    for i in stride(from: 15, through: 0, by: -1) {
      out[i] = digits[Int(v & 0xF)]
      v >>= 4
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// SplitMix64's finaliser: turns one hash into many independent-looking ones (MinHash seeds).
@inline(__always)
func mix64(_ x: UInt64) -> UInt64 {
  var z = x &+ 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}
