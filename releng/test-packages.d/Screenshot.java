import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * {@code java Screenshot.java OUT.png [SECONDS]}: saves the X screen ($DISPLAY) as a PNG once something is drawn on
 * it and two looks a quarter second apart are the same (the window has painted), at most SECONDS (default 60) on.
 * Exit 1 when the screen stayed empty. Used by releng/test-packages and releng/bench-start.
 */
public class Screenshot {
    public static void main(String[] args) throws Exception {
        long deadline = System.nanoTime() + (args.length > 1 ? Long.parseLong(args[1]) : 60) * 1_000_000_000L;
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        Robot robot = new Robot();
        int[] last = null;
        BufferedImage img;
        while (true) {
            img = robot.createScreenCapture(screen);
            int[] sample = sample(img);
            if (colors(sample) > 8 && Arrays.equals(sample, last)) {
                ImageIO.write(img, "png", new File(args[0]));
                return;
            }
            last = sample;
            if (System.nanoTime() > deadline) {
                ImageIO.write(img, "png", new File(args[0]));
                System.exit(1);
            }
            robot.delay(250); // the next look at the screen: nothing to wait on but the X server's pixels
        }
    }

    static int[] sample(BufferedImage img) {
        int step = 8;
        int w = img.getWidth() / step;
        int h = img.getHeight() / step;
        int[] s = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                s[y * w + x] = img.getRGB(x * step, y * step);
            }
        }
        return s;
    }

    static int colors(int[] sample) {
        Set<Integer> c = new HashSet<>();
        for (int p : sample) {
            c.add(p);
        }
        return c.size();
    }
}
