package io.walscope.ui.prep;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

import io.walscope.core.check.Status;

/** Small round status icons drawn once per owner and disposed with it (no image files to ship). */
final class StatusImages {
    private final Map<Status, Image> images = new EnumMap<>(Status.class);

    StatusImages(Display d) {
        images.put(Status.OK, dot(d, new RGB(46, 160, 67)));
        images.put(Status.INFO, dot(d, new RGB(56, 120, 220)));
        images.put(Status.WARN, dot(d, new RGB(230, 160, 0)));
        images.put(Status.FAIL, dot(d, new RGB(210, 40, 40)));
    }

    Image get(Status s) {
        return images.get(s);
    }

    void dispose() {
        images.values().forEach(Image::dispose);
    }

    /** A filled circle with an anti-aliased edge, as pixels with alpha (GC drawing loses transparency on GTK). */
    private static Image dot(Display d, RGB rgb) {
        int size = 14;
        ImageData data = new ImageData(size, size, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        int pixel = data.palette.getPixel(rgb);
        double r = 5.5;
        double c = (size - 1) / 2.0;
        for (int x = 0; x < size; x++) {
            for (int y = 0; y < size; y++) {
                double dist = Math.hypot(x - c, y - c);
                double a = Math.max(0, Math.min(1, r + 0.5 - dist));
                data.setPixel(x, y, pixel);
                data.setAlpha(x, y, (int) Math.round(a * 255));
            }
        }
        return new Image(d, data);
    }
}
