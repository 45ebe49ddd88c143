const PNG_SIGNATURE = "89504e470d0a1a0a";

/**
 * Width and height of a PNG (read from its IHDR chunk); other formats get a nominal
 * 800×600 so photo `sizes` still look like VK's.
 */
export function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length >= 24 && bytes.subarray(0, 8).toString("hex") === PNG_SIGNATURE) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  return { width: 800, height: 600 };
}
