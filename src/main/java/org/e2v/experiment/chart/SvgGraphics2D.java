package org.e2v.experiment.chart;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.PathIterator;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.AttributedCharacterIterator;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A minimal {@link Graphics2D} that records drawing as SVG 1.1, enough for JFreeChart: shapes
 * (as paths with the current transform), strokes with dashes, colours with alpha, clipping
 * (device-space clip paths), text (as {@code <text>} with the font's family, size and style) and
 * images (embedded PNG). Gradient paints are drawn in their first colour; XOR mode is ignored.
 *
 * <p>Written because JFreeChart 1.5 has no SVG export of its own and the project has no
 * {@code org.jfree:org.jfree.svg} dependency (see docs/decisions/0064).
 */
final class SvgGraphics2D extends Graphics2D {
    /** Shared by this graphics and every {@link #create()} copy. */
    private static final class Document {
        final StringBuilder body = new StringBuilder();
        final StringBuilder defs = new StringBuilder();
        int clipCount;
        final Graphics2D metrics;

        Document() {
            metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
            metrics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            metrics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        }
    }

    private final Document doc;
    private final int width;
    private final int height;
    private AffineTransform transform = new AffineTransform();
    /** Clip in device space, or null for none. */
    private Shape clip;
    private String clipId;
    private Paint paint = Color.BLACK;
    private Color background = Color.WHITE;
    private Stroke stroke = new BasicStroke(1f);
    private Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private Composite composite = AlphaComposite.SrcOver;
    private final RenderingHints hints = new RenderingHints(null);

    SvgGraphics2D(int width, int height) {
        this.doc = new Document();
        this.width = width;
        this.height = height;
    }

    private SvgGraphics2D(SvgGraphics2D parent) {
        this.doc = parent.doc;
        this.width = parent.width;
        this.height = parent.height;
        this.transform = new AffineTransform(parent.transform);
        this.clip = parent.clip;
        this.clipId = parent.clipId;
        this.paint = parent.paint;
        this.background = parent.background;
        this.stroke = parent.stroke;
        this.font = parent.font;
        this.composite = parent.composite;
        this.hints.putAll(parent.hints);
    }

    /** The complete SVG document drawn so far. */
    String document() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n");
        if (doc.defs.length() > 0) {
            sb.append("<defs>\n").append(doc.defs).append("</defs>\n");
        }
        sb.append(doc.body).append("</svg>\n");
        return sb.toString();
    }

    // ---- drawing primitives ------------------------------------------------------------------

    @Override
    public void draw(Shape s) {
        if (stroke instanceof BasicStroke bs) {
            Color c = color();
            StringBuilder el = new StringBuilder("<path d=\"").append(path(s)).append("\" fill=\"none\"")
                    .append(transformAttribute()).append(" stroke=\"").append(hex(c)).append('"');
            double opacity = opacity(c);
            if (opacity < 1) {
                el.append(" stroke-opacity=\"").append(num(opacity)).append('"');
            }
            el.append(" stroke-width=\"").append(num(bs.getLineWidth())).append('"');
            el.append(" stroke-linecap=\"").append(switch (bs.getEndCap()) {
                case BasicStroke.CAP_ROUND -> "round";
                case BasicStroke.CAP_SQUARE -> "square";
                default -> "butt";
            }).append('"');
            el.append(" stroke-linejoin=\"").append(switch (bs.getLineJoin()) {
                case BasicStroke.JOIN_ROUND -> "round";
                case BasicStroke.JOIN_BEVEL -> "bevel";
                default -> "miter";
            }).append('"');
            float[] dash = bs.getDashArray();
            if (dash != null && dash.length > 0) {
                el.append(" stroke-dasharray=\"");
                for (int i = 0; i < dash.length; i++) {
                    el.append(i == 0 ? "" : ",").append(num(dash[i]));
                }
                el.append('"');
            }
            el.append("/>");
            emit(el);
        } else {
            fill(stroke.createStrokedShape(s));
        }
    }

    @Override
    public void fill(Shape s) {
        Color c = color();
        StringBuilder el = new StringBuilder("<path d=\"").append(path(s)).append('"').append(transformAttribute())
                .append(" fill=\"").append(hex(c)).append('"');
        if (s instanceof Path2D p && p.getWindingRule() == Path2D.WIND_EVEN_ODD) {
            el.append(" fill-rule=\"evenodd\"");
        }
        double opacity = opacity(c);
        if (opacity < 1) {
            el.append(" fill-opacity=\"").append(num(opacity)).append('"');
        }
        el.append("/>");
        emit(el);
    }

    @Override
    public void drawString(String str, float x, float y) {
        if (str == null || str.isEmpty()) {
            return;
        }
        Color c = color();
        StringBuilder el = new StringBuilder("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"')
                .append(transformAttribute())
                .append(" font-family=\"").append(family(font)).append("\" font-size=\"").append(num(font.getSize2D()))
                .append('"');
        if (font.isBold()) {
            el.append(" font-weight=\"bold\"");
        }
        if (font.isItalic()) {
            el.append(" font-style=\"italic\"");
        }
        el.append(" fill=\"").append(hex(c)).append('"');
        double opacity = opacity(c);
        if (opacity < 1) {
            el.append(" fill-opacity=\"").append(num(opacity)).append('"');
        }
        el.append(" xml:space=\"preserve\">").append(escape(str)).append("</text>");
        emit(el);
    }

    @Override
    public boolean drawImage(Image img, AffineTransform xform, ImageObserver obs) {
        BufferedImage bi = toBuffered(img);
        if (bi == null) {
            return false;
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(bi, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AffineTransform saved = transform;
        transform = new AffineTransform(transform);
        if (xform != null) {
            transform.concatenate(xform);
        }
        emit(new StringBuilder("<image width=\"").append(bi.getWidth()).append("\" height=\"").append(bi.getHeight())
                .append('"').append(transformAttribute()).append(" xlink:href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>"));
        transform = saved;
        return true;
    }

    // ---- everything else is expressed through the primitives ---------------------------------

    @Override
    public void drawString(String str, int x, int y) {
        drawString(str, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, int x, int y) {
        drawString(iterator, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, float x, float y) {
        // Attributed text (rare in JFreeChart) keeps its glyph shapes exactly.
        fill(new TextLayout(iterator, getFontRenderContext()).getOutline(AffineTransform.getTranslateInstance(x, y)));
    }

    @Override
    public void drawGlyphVector(GlyphVector g, float x, float y) {
        fill(g.getOutline(x, y));
    }

    @Override
    public boolean drawImage(Image img, int x, int y, ImageObserver observer) {
        return drawImage(img, AffineTransform.getTranslateInstance(x, y), observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int w, int h, ImageObserver observer) {
        BufferedImage bi = toBuffered(img);
        if (bi == null) {
            return false;
        }
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.scale((double) w / bi.getWidth(), (double) h / bi.getHeight());
        return drawImage(bi, t, observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, Color bgcolor, ImageObserver observer) {
        return drawImage(img, x, y, observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int w, int h, Color bgcolor, ImageObserver observer) {
        return drawImage(img, x, y, w, h, observer);
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
            ImageObserver observer) {
        BufferedImage bi = toBuffered(img);
        if (bi == null || sx2 <= sx1 || sy2 <= sy1) {
            return false;
        }
        return drawImage(bi.getSubimage(sx1, sy1, sx2 - sx1, sy2 - sy1), dx1, dy1, dx2 - dx1, dy2 - dy1, observer);
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
            Color bgcolor, ImageObserver observer) {
        return drawImage(img, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, observer);
    }

    @Override
    public void drawImage(BufferedImage img, BufferedImageOp op, int x, int y) {
        drawImage(op == null ? img : op.filter(img, null), x, y, null);
    }

    @Override
    public void drawRenderedImage(RenderedImage img, AffineTransform xform) {
        if (img instanceof BufferedImage bi) {
            drawImage(bi, xform, null);
        }
    }

    @Override
    public void drawRenderableImage(RenderableImage img, AffineTransform xform) {
        drawRenderedImage(img.createDefaultRendering(), xform);
    }

    @Override
    public void drawLine(int x1, int y1, int x2, int y2) {
        draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void fillRect(int x, int y, int w, int h) {
        fill(new Rectangle(x, y, w, h));
    }

    @Override
    public void clearRect(int x, int y, int w, int h) {
        Paint saved = paint;
        Composite savedComposite = composite;
        paint = background;
        composite = AlphaComposite.SrcOver;
        fillRect(x, y, w, h);
        paint = saved;
        composite = savedComposite;
    }

    @Override
    public void drawRoundRect(int x, int y, int w, int h, int arcWidth, int arcHeight) {
        draw(new RoundRectangle2D.Double(x, y, w, h, arcWidth, arcHeight));
    }

    @Override
    public void fillRoundRect(int x, int y, int w, int h, int arcWidth, int arcHeight) {
        fill(new RoundRectangle2D.Double(x, y, w, h, arcWidth, arcHeight));
    }

    @Override
    public void drawOval(int x, int y, int w, int h) {
        draw(new Ellipse2D.Double(x, y, w, h));
    }

    @Override
    public void fillOval(int x, int y, int w, int h) {
        fill(new Ellipse2D.Double(x, y, w, h));
    }

    @Override
    public void drawArc(int x, int y, int w, int h, int startAngle, int arcAngle) {
        draw(new Arc2D.Double(x, y, w, h, startAngle, arcAngle, Arc2D.OPEN));
    }

    @Override
    public void fillArc(int x, int y, int w, int h, int startAngle, int arcAngle) {
        fill(new Arc2D.Double(x, y, w, h, startAngle, arcAngle, Arc2D.PIE));
    }

    @Override
    public void drawPolyline(int[] xs, int[] ys, int n) {
        draw(poly(xs, ys, n, false));
    }

    @Override
    public void drawPolygon(int[] xs, int[] ys, int n) {
        draw(poly(xs, ys, n, true));
    }

    @Override
    public void fillPolygon(int[] xs, int[] ys, int n) {
        fill(poly(xs, ys, n, true));
    }

    @Override
    public void copyArea(int x, int y, int w, int h, int dx, int dy) {
        // A recorded vector document has no pixels to copy; JFreeChart never calls this.
    }

    // ---- state ---------------------------------------------------------------------------------

    @Override
    public Graphics create() {
        return new SvgGraphics2D(this);
    }

    @Override
    public void dispose() {
        // Nothing to release: the document lives as long as the exporter holds it.
    }

    @Override
    public boolean hit(Rectangle rect, Shape s, boolean onStroke) {
        Shape shape = onStroke ? stroke.createStrokedShape(s) : s;
        return transform.createTransformedShape(shape).intersects(rect);
    }

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return doc.metrics.getDeviceConfiguration();
    }

    @Override
    public void setComposite(Composite comp) {
        composite = comp;
    }

    @Override
    public Composite getComposite() {
        return composite;
    }

    @Override
    public void setPaint(Paint paint) {
        if (paint != null) {
            this.paint = paint;
        }
    }

    @Override
    public Paint getPaint() {
        return paint;
    }

    @Override
    public void setStroke(Stroke s) {
        stroke = s;
    }

    @Override
    public Stroke getStroke() {
        return stroke;
    }

    @Override
    public void setRenderingHint(RenderingHints.Key key, Object value) {
        hints.put(key, value);
    }

    @Override
    public Object getRenderingHint(RenderingHints.Key key) {
        return hints.get(key);
    }

    @Override
    public void setRenderingHints(Map<?, ?> map) {
        hints.clear();
        hints.putAll(map);
    }

    @Override
    public void addRenderingHints(Map<?, ?> map) {
        hints.putAll(map);
    }

    @Override
    public RenderingHints getRenderingHints() {
        return (RenderingHints) hints.clone();
    }

    @Override
    public void translate(int x, int y) {
        transform.translate(x, y);
    }

    @Override
    public void translate(double tx, double ty) {
        transform.translate(tx, ty);
    }

    @Override
    public void rotate(double theta) {
        transform.rotate(theta);
    }

    @Override
    public void rotate(double theta, double x, double y) {
        transform.rotate(theta, x, y);
    }

    @Override
    public void scale(double sx, double sy) {
        transform.scale(sx, sy);
    }

    @Override
    public void shear(double shx, double shy) {
        transform.shear(shx, shy);
    }

    @Override
    public void transform(AffineTransform tx) {
        transform.concatenate(tx);
    }

    @Override
    public void setTransform(AffineTransform tx) {
        transform = new AffineTransform(tx);
    }

    @Override
    public AffineTransform getTransform() {
        return new AffineTransform(transform);
    }

    @Override
    public void setBackground(Color color) {
        background = color;
    }

    @Override
    public Color getBackground() {
        return background;
    }

    @Override
    public void clip(Shape s) {
        if (s == null) {
            setClip(null);
            return;
        }
        Shape device = transform.createTransformedShape(s);
        if (clip != null) {
            Area a = new Area(clip);
            a.intersect(new Area(device));
            device = a;
        }
        setDeviceClip(device);
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        return doc.metrics.getFontRenderContext();
    }

    @Override
    public Color getColor() {
        return paint instanceof Color c ? c : color();
    }

    @Override
    public void setColor(Color c) {
        if (c != null) {
            paint = c;
        }
    }

    @Override
    public void setPaintMode() {
        // SVG has only paint mode.
    }

    @Override
    public void setXORMode(Color c1) {
        // XOR has no SVG equivalent; drawing stays in paint mode.
    }

    @Override
    public Font getFont() {
        return font;
    }

    @Override
    public void setFont(Font font) {
        if (font != null) {
            this.font = font;
        }
    }

    @Override
    public FontMetrics getFontMetrics(Font f) {
        return doc.metrics.getFontMetrics(f);
    }

    @Override
    public Rectangle getClipBounds() {
        Shape c = getClip();
        return c == null ? null : c.getBounds();
    }

    @Override
    public void clipRect(int x, int y, int w, int h) {
        clip(new Rectangle(x, y, w, h));
    }

    @Override
    public void setClip(int x, int y, int w, int h) {
        setClip(new Rectangle(x, y, w, h));
    }

    @Override
    public Shape getClip() {
        if (clip == null) {
            return null;
        }
        try {
            return transform.createInverse().createTransformedShape(clip);
        } catch (NoninvertibleTransformException e) {
            return null;
        }
    }

    @Override
    public void setClip(Shape s) {
        setDeviceClip(s == null ? null : transform.createTransformedShape(s));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void setDeviceClip(Shape device) {
        clip = device;
        if (device == null) {
            clipId = null;
            return;
        }
        clipId = "clip" + doc.clipCount++;
        doc.defs.append("<clipPath id=\"").append(clipId).append("\"><path d=\"").append(path(device))
                .append("\"/></clipPath>\n");
    }

    /** Appends an element, wrapped in a group carrying the clip (in device space, so outside the element's transform). */
    private void emit(CharSequence element) {
        if (clipId != null) {
            doc.body.append("<g clip-path=\"url(#").append(clipId).append(")\">").append(element).append("</g>\n");
        } else {
            doc.body.append(element).append('\n');
        }
    }

    private String transformAttribute() {
        if (transform.isIdentity()) {
            return "";
        }
        double[] m = new double[6];
        transform.getMatrix(m);
        return " transform=\"matrix(" + num(m[0]) + " " + num(m[1]) + " " + num(m[2]) + " " + num(m[3]) + " "
                + num(m[4]) + " " + num(m[5]) + ")\"";
    }

    private Color color() {
        if (paint instanceof Color c) {
            return c;
        }
        if (paint instanceof GradientPaint gp) {
            return gp.getColor1();
        }
        return Color.GRAY;
    }

    private double opacity(Color c) {
        double a = c.getAlpha() / 255.0;
        if (composite instanceof AlphaComposite ac) {
            a *= ac.getAlpha();
        }
        return a;
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String family(Font f) {
        String name = f.getFamily();
        return switch (name) {
            case Font.SANS_SERIF, Font.DIALOG, Font.DIALOG_INPUT -> "sans-serif";
            case Font.SERIF -> "serif";
            case Font.MONOSPACED -> "monospace";
            default -> escape(name) + ", sans-serif";
        };
    }

    private static String path(Shape s) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3])).append(' ').append(num(c[4])).append(' ')
                        .append(num(c[5]));
                default -> d.append('Z');
            }
        }
        return d.toString();
    }

    private static Path2D poly(int[] xs, int[] ys, int n, boolean close) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                p.moveTo(xs[i], ys[i]);
            } else {
                p.lineTo(xs[i], ys[i]);
            }
        }
        if (close && n > 0) {
            p.closePath();
        }
        return p;
    }

    /** Compact decimal: up to 3 decimals, no exponent, no trailing zeros. */
    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\t') {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static BufferedImage toBuffered(Image img) {
        if (img instanceof BufferedImage bi) {
            return bi;
        }
        int w = img.getWidth(null);
        int h = img.getHeight(null);
        if (w <= 0 || h <= 0) {
            return null;
        }
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = bi.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return bi;
    }
}
