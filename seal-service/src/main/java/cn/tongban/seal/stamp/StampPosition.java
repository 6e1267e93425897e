package cn.tongban.seal.stamp;

/**
 * Where a stamp goes: a 1-based page number and the top-left corner of the seal picture, in millimetres from
 * the page's top-left corner (the OFD page coordinate system, GB/T 33190 §7.3; PDF positions are converted).
 * The picture's size is the seal's SES_ESPictureInfo width and height (docs/STANDARDS.md §1.1).
 */
public record StampPosition(int page, double xMm, double yMm) {

    public StampPosition {
        if (page < 1) {
            throw new IllegalArgumentException("page numbers start at 1");
        }
        if (!(xMm >= 0) || !(yMm >= 0) || Double.isInfinite(xMm) || Double.isInfinite(yMm)) {
            throw new IllegalArgumentException("x and y must be finite and not negative (millimetres)");
        }
    }
}
