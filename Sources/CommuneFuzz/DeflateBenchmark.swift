import CommuneScoring
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `cfc-fuzz --bench-deflate FILE` (hidden): how fast CRC-32 and the compressor take FILE when
/// it comes in pieces of 940 bytes, as `cfc batch --format xlsx` hands them a sheet's rows.
/// Prints MB/s of CPU time (best of three runs), not wall time, so that other work on the
/// machine counts less; checks that the stream inflates back. Build it with `-c release`.
enum DeflateBenchmark {
  static let piece = 940

  static func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  /// The best CPU time of three runs of `body`.
  static func best(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
      let start = seconds()
      body()
      best = min(best, seconds() - start)
    }
    return best
  }

  static func run(_ path: String) {
    guard let data = FileManager.default.contents(atPath: path) else {
      print("no such file: \(path)")
      exit(66)
    }
    let bytes = Array(data)
    let megabytes = Double(bytes.count) / 1e6
    var crc: UInt32 = 0
    let crcTime = best {
      crc = 0
      var at = 0
      while at < bytes.count {
        let end = min(bytes.count, at + piece)
        crc = CRC32.update(crc, bytes[at..<end])
        at = end
      }
    }
    var stream: [UInt8] = []
    let deflateTime = best {
      var deflater = Deflater()
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count / 4)
      var at = 0
      while at < bytes.count {
        let end = min(bytes.count, at + piece)
        deflater.write(bytes[at..<end], into: &output)
        at = end
      }
      deflater.finish(into: &output)
      stream = output
    }
    let back = try? Inflate.decompress(stream, limit: bytes.count)
    let crcRate = Int((megabytes / crcTime).rounded())
    let deflateRate = Int((megabytes / deflateTime).rounded())
    print("\(bytes.count) bytes in pieces of \(piece), MB/s of CPU time, best of 3")
    print("crc32    \(crcRate) MB/s  (\(String(crc, radix: 16)))")
    print("deflate  \(deflateRate) MB/s  \(bytes.count) -> \(stream.count) bytes")
    print("inflates back: \(back == bytes ? "yes" : "NO")")
    if back != bytes { exit(1) }
  }
}
