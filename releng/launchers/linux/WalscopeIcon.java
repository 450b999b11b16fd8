import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;

import javax.imageio.ImageIO;

/**
 * Draws Walscope's application icon (a blue tile with a white change-stream trace) as PNGs for the Linux packages:
 * {@code java WalscopeIcon.java DIR 48 128 256} writes DIR/walscope-48.png etc. Java2D only, so packaging needs no
 * image tools.
 */
public class WalscopeIcon {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        for (int i = 1; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            ImageIO.write(draw(n), "png", new File(dir, "walscope-" + n + ".png"));
        }
    }

    static BufferedImage draw(int n) {
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double m = n * 0.06;
        g.setPaint(new GradientPaint(0, 0, new Color(0x33, 0x67, 0x91), 0, n, new Color(0x1d, 0x3f, 0x5e)));
        g.fill(new RoundRectangle2D.Double(m, m, n - 2 * m, n - 2 * m, n * 0.22, n * 0.22));
        // the write-ahead log: three rows of records
        g.setColor(new Color(255, 255, 255, 70));
        for (int r = 0; r < 3; r++) {
            double y = n * (0.26 + r * 0.09);
            g.fill(new RoundRectangle2D.Double(n * 0.2, y, n * 0.6, n * 0.045, n * 0.04, n * 0.04));
        }
        // the change stream read from it: a trace with a spike
        Path2D p = new Path2D.Double();
        double[][] pts = { { 0.18, 0.70 }, { 0.36, 0.70 }, { 0.44, 0.56 }, { 0.52, 0.82 }, { 0.60, 0.62 },
                { 0.66, 0.70 }, { 0.82, 0.70 } };
        p.moveTo(n * pts[0][0], n * pts[0][1]);
        for (int i = 1; i < pts.length; i++) {
            p.lineTo(n * pts[i][0], n * pts[i][1]);
        }
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) Math.max(1.5, n * 0.055), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
        g.dispose();
        return img;
    }
}
