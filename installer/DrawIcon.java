import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the e2v application icon (256x256 PNG) with Java2D, so the icon is reproducible from source:
 * {@code java installer/DrawIcon.java resources/icons/e2v.png}.
 *
 * <p>The picture is the method in one glance: a speech waveform on the left feeds a cluster of
 * enrolled samples (small dots) around their prototype (the ring), the nearest-prototype decision
 * the workbench makes.
 */
public final class DrawIcon {
    private static final int SIZE_PX = 256;

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "resources/icons/e2v.png");
        BufferedImage img = new BufferedImage(SIZE_PX, SIZE_PX, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);

        // Background: rounded square, deep blue to teal.
        g.setPaint(new GradientPaint(0, 0, new Color(0x1E3A8A), SIZE_PX, SIZE_PX, new Color(0x0F766E)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        // Waveform: a decaying burst, like one spoken syllable.
        Path2D wave = new Path2D.Double();
        for (int x = 28; x <= 128; x++) {
            double t = (x - 28) / 100.0;
            double envelope = Math.sin(Math.PI * t) * (1.0 - 0.35 * t);
            double y = 128 - 58 * envelope * Math.sin(2 * Math.PI * 5.5 * t);
            if (x == 28) {
                wave.moveTo(x, y);
            } else {
                wave.lineTo(x, y);
            }
        }
        g.setStroke(new BasicStroke(9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0xE0F2FE));
        g.draw(wave);

        // Enrolled samples around the prototype, then the prototype ring.
        double cx = 180;
        double cy = 128;
        double[][] samples = {{-26, -18}, {-8, -32}, {20, -24}, {30, 2}, {16, 28}, {-14, 26}, {-30, 6}};
        g.setColor(new Color(0xFDE68A));
        for (double[] s : samples) {
            g.fill(new Ellipse2D.Double(cx + s[0] - 7, cy + s[1] - 7, 14, 14));
        }
        g.setStroke(new BasicStroke(8f));
        g.setColor(Color.WHITE);
        g.draw(new Ellipse2D.Double(cx - 46, cy - 46, 92, 92));
        g.setColor(new Color(0xF97316));
        g.fill(new Ellipse2D.Double(cx - 11, cy - 11, 22, 22));
        g.dispose();

        if (out.getParentFile() != null) {
            out.getParentFile().mkdirs();
        }
        ImageIO.write(img, "png", out);
    }
}
