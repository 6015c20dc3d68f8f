package io.agentorchestr.core.research;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The readable text of a page: for HTML, the main content (the page's {@code main} or {@code article}
 * when it has one) without scripts, styles, navigation, headers, footers and forms, one line per block;
 * plain text as it is. jsoup parses the HTML (and finds the charset a page declares in itself).
 */
final class PageText {
    private static final String CLUTTER = "script, style, noscript, template, svg, canvas, iframe, nav, header, "
            + "footer, aside, form, button, [hidden], [aria-hidden=true]";

    private PageText() {
    }

    static Page of(String url, byte[] body, Optional<Charset> charset, String mime) {
        if (!mime.equals("text/html") && !mime.equals("application/xhtml+xml")) {
            return new Page(url, url, new String(body, charset.orElse(StandardCharsets.UTF_8)).strip());
        }
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), charset.map(Charset::name).orElse(null), url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String title = doc.title().isBlank() ? url : doc.title().strip();
        doc.select(CLUTTER).remove();
        Element main = doc.selectFirst("main, article, [role=main]");
        return new Page(url, title, blocks(main != null ? main : doc.body() != null ? doc.body() : doc));
    }

    /** The text with a line break at each block element, runs of blank lines and spaces folded. */
    private static String blocks(Element root) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e && (e.isBlock() || e.normalName().equals("br"))) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    out.append('\n');
                }
            }
        }, root);
        return out.toString().replaceAll("[ \\t\\u00a0]+", " ").replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }
}
