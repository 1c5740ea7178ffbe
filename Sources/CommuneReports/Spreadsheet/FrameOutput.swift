/// Where the planned xlsx writer puts bytes: an array, or a cursor into space reserved in
/// advance (`FrameCursor`), so that one implementation writes both.
protocol FrameOutput {
  mutating func append(_ byte: UInt8)
  mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension FrameOutput {
  /// A text's UTF-8 bytes (made for the rare cells that need a text: escaped, or points with
  /// a fraction).
  mutating func append(text: String) {
    var text = text
    text.withUTF8 { append(bytes: $0) }
  }
}

extension Array: FrameOutput where Element == UInt8 {
  mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// Writes bytes through a pointer into a buffer sized in advance for the worst case: no
/// capacity check or uniqueness check per piece, as an array's appends make.
struct FrameCursor: FrameOutput {
  let buffer: UnsafeMutableBufferPointer<UInt8>
  private(set) var count = 0

  init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    precondition(count < buffer.count, "frame larger than its reserved space")
    buffer[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
    precondition(count + bytes.count <= buffer.count, "frame larger than its reserved space")
    (target + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }
}
