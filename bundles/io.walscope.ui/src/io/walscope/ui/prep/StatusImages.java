package io.walscope.ui.prep;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
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

    private static Image dot(Display d, RGB rgb) {
        ImageData data = new ImageData(14, 14, 24, new org.eclipse.swt.graphics.PaletteData(0xff0000, 0xff00, 0xff));
        data.transparentPixel = data.palette.getPixel(new RGB(255, 0, 255));
        for (int x = 0; x < 14; x++) {
            for (int y = 0; y < 14; y++) {
                data.setPixel(x, y, data.transparentPixel);
            }
        }
        Image img = new Image(d, data);
        GC gc = new GC(img);
        org.eclipse.swt.graphics.Color c = new org.eclipse.swt.graphics.Color(d, rgb);
        gc.setAntialias(SWT.ON);
        gc.setBackground(c);
        gc.fillOval(1, 1, 12, 12);
        gc.dispose();
        c.dispose();
        return img;
    }
}
