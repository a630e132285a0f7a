package org.bordertransport.core.rtf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The pictures of a document being rendered: PNG ({@code \pngblip}) and JPEG ({@code \jpegblip}) are kept, within
 * {@link RtfLimits#maxPictures()} and {@link RtfLimits#maxPictureBytes()} (in all), when their data starts with the
 * format's signature; metafiles ({@code \emfblip}, {@code \wmetafile}, {@code \pmmetafile}, {@code \macpict}) and
 * bitmaps ({@code \dibitmap}, {@code \wbitmap}) are left out, with a warning. Data is hexadecimal or {@code \binN}.
 * The displayed size comes from {@code \picwgoal}/{@code \pichgoal} (twips, 15 to a CSS pixel) scaled by
 * {@code \picscalex}/{@code \picscaley}.
 */
final class RtfPictures {
    private static final int MAX_PIXELS = 10_000;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8};

    /** A kept picture and its displayed size in pixels (0 when unknown). */
    static final class Placed {
        final RtfPicture picture;
        final int width;
        final int height;

        Placed(RtfPicture picture, int width, int height) {
            this.picture = picture;
            this.width = width;
            this.height = height;
        }
    }

    private final RtfLimits limits;
    private final String cidSuffix;
    private final Consumer<String> warn;
    private final List<RtfPicture> kept = new ArrayList<>();
    private int used;
    private int leftOut;
    private String type;
    private String format;
    private byte[] data = new byte[0];
    private int length;
    private int high = -1;
    private boolean overflow;
    private int widthGoal;
    private int heightGoal;
    private int scaleX;
    private int scaleY;

    RtfPictures(RtfLimits limits, String cidSuffix, Consumer<String> warn) {
        this.limits = limits;
        this.cidSuffix = cidSuffix;
        this.warn = warn;
    }

    void start() {
        type = null;
        format = null;
        length = 0;
        high = -1;
        overflow = false;
        widthGoal = 0;
        heightGoal = 0;
        scaleX = 100;
        scaleY = 100;
    }

    void word(String word, int parameter, byte[] rtf, int binStart, int binLength) {
        switch (word) {
            case "pngblip":
                type = "image/png";
                format = "png";
                break;
            case "jpegblip":
                type = "image/jpeg";
                format = "jpg";
                break;
            case "emfblip":
            case "wmetafile":
            case "pmmetafile":
            case "macpict":
            case "dibitmap":
            case "wbitmap":
                type = null;
                format = word;
                break;
            case "picwgoal":
                widthGoal = parameter;
                break;
            case "pichgoal":
                heightGoal = parameter;
                break;
            case "picscalex":
                scaleX = parameter;
                break;
            case "picscaley":
                scaleY = parameter;
                break;
            case "bin":
                for (int i = 0; i < binLength; i++) {
                    add(rtf[binStart + i]);
                }
                break;
            default:
                break;
        }
    }

    /** A text octet of the picture: a hexadecimal digit of its data, or white space. */
    void hex(int octet) {
        int digit = Character.digit(octet, 16);
        if (digit < 0) {
            return;
        }
        if (high < 0) {
            high = digit;
        } else {
            add((byte) (high << 4 | digit));
            high = -1;
        }
    }

    private void add(byte b) {
        if (type == null || overflow) {
            return;
        }
        if (kept.size() >= limits.maxPictures() || used + length >= limits.maxPictureBytes()) {
            overflow = true;
            return;
        }
        if (length == data.length) {
            int room = limits.maxPictureBytes() - used;
            data = Arrays.copyOf(data, (int) Math.min(room, Math.max(4096L, length * 2L)));
        }
        data[length++] = b;
    }

    /** The end of the {@code \pict} group: the picture when kept (never when not {@code shown}), else null. */
    RtfPictures.Placed end(boolean shown) {
        if (!shown) {
            return null;
        }
        if (type == null) {
            if (leftOut++ == 0) {
                warn.accept("Pictures not in PNG or JPEG left out (first: " + (format == null ? "no format"
                    : format) + ")");
            }
            return null;
        }
        if (overflow) {
            warn.accept("Pictures over maxPictures " + limits.maxPictures() + " or maxPictureBytes "
                + limits.maxPictureBytes() + " left out");
            return null;
        }
        byte[] signature = type.equals("image/png") ? PNG : JPEG;
        if (length < signature.length || !Arrays.equals(data, 0, signature.length, signature, 0, signature.length)) {
            warn.accept("A picture whose data is not " + format.toUpperCase(Locale.ROOT) + " left out");
            return null;
        }
        int number = kept.size() + 1;
        RtfPicture picture = new RtfPicture("image" + number + "." + cidSuffix,
            String.format(Locale.ROOT, "image%03d.%s", number, format), type, Arrays.copyOf(data, length));
        kept.add(picture);
        used += length;
        length = 0;
        return new Placed(picture, pixels(widthGoal, scaleX), pixels(heightGoal, scaleY));
    }

    private static int pixels(int twips, int scale) {
        long px = (long) twips * (scale <= 0 ? 100 : scale) / 100 / 15;
        return px <= 0 ? 0 : (int) Math.min(px, MAX_PIXELS);
    }

    List<RtfPicture> kept() {
        return kept;
    }
}
