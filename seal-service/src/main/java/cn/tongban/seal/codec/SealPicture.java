package cn.tongban.seal.codec;

/** SES_ESPictureInfo: image type (GIF, BMP, JPG, PNG, SVG, or vendor values such as "ofd"), data, size in mm. */
public record SealPicture(String type, Bytes data, int widthMm, int heightMm) {}
