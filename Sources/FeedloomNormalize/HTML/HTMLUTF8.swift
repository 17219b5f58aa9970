/// UTF-8 checks and Strings for the HTML code's hot paths.
enum HTMLUTF8 {
  /// Whether `bytes` are well-formed UTF-8 (what `String(validating:as:)` accepts): ASCII
  /// eight bytes at a time, each multi-byte sequence checked against the Unicode table
  /// (no overlong forms, no surrogates, nothing past U+10FFFF).
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    var index = 0
    while index < count {
      let lead = base[index]
      if lead < 0x80 {
        index += 1
        // Long ASCII stretches 32 bytes a step, then word by word to the first other byte.
        while index + 32 <= count {
          let raw = UnsafeRawPointer(base + index)
          let both = raw.loadUnaligned(as: SIMD16<UInt8>.self) | raw.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
          if !HTMLWords.isEmpty(both .>= HTMLWords.splat(0x80)) { break }
          index += 32
        }
        while index + 8 <= count {
          let high = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
          if high != 0 {
            index += UInt64(littleEndian: high).trailingZeroBitCount >> 3
            break
          }
          index += 8
        }
        continue
      }
      // The range the second byte must be in, and how many bytes the sequence has.
      let low: UInt8
      let high: UInt8
      let length: Int
      switch lead {
      case 0xC2...0xDF: (low, high, length) = (0x80, 0xBF, 2)
      case 0xE0: (low, high, length) = (0xA0, 0xBF, 3)
      case 0xE1...0xEC, 0xEE, 0xEF: (low, high, length) = (0x80, 0xBF, 3)
      case 0xED: (low, high, length) = (0x80, 0x9F, 3)
      case 0xF0: (low, high, length) = (0x90, 0xBF, 4)
      case 0xF1...0xF3: (low, high, length) = (0x80, 0xBF, 4)
      case 0xF4: (low, high, length) = (0x80, 0x8F, 4)
      default: return false
      }
      guard index + length <= count else { return false }
      let second = base[index + 1]
      guard second >= low, second <= high else { return false }
      if length > 2 {
        guard base[index + 2] & 0xC0 == 0x80 else { return false }
        if length > 3 {
          guard base[index + 3] & 0xC0 == 0x80 else { return false }
        }
      }
      index += length
    }
    return true
  }

  /// Whether every byte is below 0x80; eight at a time.
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    var index = 0
    var vectors = SIMD16<UInt8>(repeating: 0)
    // 64 bytes a step: the outputs it checks are whole bodies.
    while index &+ 64 <= count {
      let raw = UnsafeRawPointer(base + index)
      vectors |= raw.loadUnaligned(as: SIMD16<UInt8>.self) | raw.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
        | raw.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt8>.self) | raw.loadUnaligned(fromByteOffset: 48, as: SIMD16<UInt8>.self)
      index &+= 64
    }
    while index &+ 16 <= count {
      vectors |= UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
      index &+= 16
    }
    if !HTMLWords.isEmpty(vectors .>= HTMLWords.splat(0x80)) { return false }
    var high: UInt64 = 0
    while index + 8 <= count {
      high |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      index += 8
    }
    while index < count {
      high |= UInt64(base[index])
      index += 1
    }
    return high & 0x8080_8080_8080_8080 == 0
  }

  /// The String of `bytes`, which the caller knows are well-formed UTF-8 (written by the
  /// HTML code from a String's bytes, or from bytes `isValid` passed): made without the
  /// standard library validating them again (byte by byte once it meets a non-ASCII one).
  static func string(knownValid bytes: UnsafeBufferPointer<UInt8>) -> String {
    assert(isValid(bytes), "the HTML code wrote ill-formed UTF-8")
    if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
      let span = unsafe UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII(bytes))
      return String(copying: span)
    }
    return HTMLStrings.string(bytes)
  }
}
