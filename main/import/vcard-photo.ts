
/** JPEG, PNG, GIF, WebP, BMP, TIFF and HEIC/AVIF, by their first bytes. */
function isImage(bytes: Buffer): boolean {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff) || starts(0x89, 0x50, 0x4e, 0x47) || starts(0x47, 0x49, 0x46, 0x38)) return true;
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return true;
  if (starts(0x42, 0x4d) || starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return true;
  return bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

function photoBytes(text: string): Buffer | undefined {
  const value = text.replace(/\s+/g, '');
  if (value === '') return undefined;
  const dataUri = /^data:[^,]*?(;base64)?,(.*)$/is.exec(value);
  if (dataUri) {
    try {
      return dataUri[1] ? Buffer.from(dataUri[2] ?? '', 'base64') : Buffer.from(decodeURIComponent(dataUri[2] ?? ''), 'latin1');
    } catch {
      return undefined; // a malformed data: URI is not a photo
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

interface ChosenPhoto {
  avatar?: Buffer;
  /** set when the card has photos and none of them could be used */
  warning?: string;
}

export function choosePhoto(values: readonly string[]): ChosenPhoto {
  const present = values.filter((v) => v.trim() !== '');
  for (const value of present) {
    const bytes = photoBytes(value);
    if (bytes && isImage(bytes)) return { avatar: bytes };
  }
  if (present.length === 0) return {};
  const linked = present.some((v) => /^(https?|ftp):/i.test(v.trim()));
  return {
    warning: linked
      ? 'The photo is a link to a web page; Ferry keeps only photos stored in the file, so it was left out.'
      : `${present.length === 1 ? 'The photo is not' : 'None of the photos is'} a picture Ferry can read, so it was left out.`,
  };
}
