package dev.synapsebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and image in the documentation ({@code README.md}, {@code docs/*.md} and each
 * run's {@code results/<run>/NOTES.md}) points at a file or folder that exists, and every
 * {@code #anchor}, in the same file or in another Markdown file, names one of that file's headings
 * under GitHub's slug rules. External links ({@code http:}, {@code https:}, {@code mailto:}, ...)
 * are not followed.
 */
class DocumentationLinksTest {

    /** The repository's root, seen from the cli module's working directory. */
    private static final Path ROOT = Path.of("..");

    /** A link with a scheme ({@code https:}, {@code mailto:}) leaves the repository. */
    private static final Pattern EXTERNAL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private static final Parser PARSER = Parser.builder().build();

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> documents = documents(ROOT);
        assertTrue(documents.contains(ROOT.resolve("README.md")), "README.md is checked");
        assertTrue(documents.stream().anyMatch(d -> d.getParent().endsWith("docs")), "docs/*.md are checked");
        List<String> broken = brokenLinks(documents);
        assertTrue(broken.isEmpty(), () -> broken.size() + " broken link(s) in the documentation:\n" + String.join("\n", broken));
    }

    @Test
    void aMissingFileAndAMissingAnchorAreFound(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("README.md"), """
                # A title

                ## Set up, and run (fresh machine)

                See [the guide](docs/guide.md#its-part), [nothing](docs/missing.md),
                [here](#set-up-and-run-fresh-machine), [gone](#not-a-heading), [web](https://example.org/x)
                and ![a chart](docs/chart.png).
                """);
        Files.writeString(dir.resolve("docs/guide.md"), """
                # Guide

                ## Its part

                ## Its part

                Back to [the part](#its-part-1), [the top](../README.md#a-title) and [twice](#its-part-2).
                """);
        List<String> broken = brokenLinks(documents(dir));
        assertEquals(4, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("docs/missing.md"), broken.toString());
        assertTrue(broken.get(1).contains("#not-a-heading"), broken.toString());
        assertTrue(broken.get(2).contains("docs/chart.png"), broken.toString());
        assertTrue(broken.get(3).contains("#its-part-2"), broken.toString());
    }

    @Test
    void slugsFollowGitHub() {
        assertEquals("set-up-and-run-fresh-machine", slug("Set up and run (fresh machine)"));
        assertEquals("comparing-two-runs-synapse-compare", slug("Comparing two runs: synapse compare"));
        assertEquals("float32--what-it-costs", slug("float32 — what it costs"));
        assertEquals("many-networks-at-once-trainmany", slug("Many networks at once (trainMany)"));
        assertEquals("a_b-c", slug("A_b-C"));
    }

    /** README.md, docs/*.md and results/*&#47;NOTES.md under {@code root}, those that exist. */
    private static List<Path> documents(Path root) throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(root.resolve("README.md"));
        for (String folder : new String[] {"docs", "results"}) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.sorted().forEach(f -> {
                    if (folder.equals("docs") && f.getFileName().toString().endsWith(".md")) {
                        documents.add(f);
                    } else if (folder.equals("results") && Files.isRegularFile(f.resolve("NOTES.md"))) {
                        documents.add(f.resolve("NOTES.md"));
                    }
                });
            }
        }
        documents.removeIf(d -> !Files.isRegularFile(d));
        return documents;
    }

    /** One line per link that does not resolve: the document, the destination and why. */
    private static List<String> brokenLinks(List<Path> documents) throws IOException {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            for (String destination : destinations(parse(document))) {
                String problem = problem(document, destination, anchors);
                if (problem != null) {
                    broken.add(document.normalize() + ": (" + destination + ") " + problem);
                }
            }
        }
        return broken;
    }

    private static String problem(Path document, String destination, Map<Path, Set<String>> anchors)
            throws IOException {
        if (destination.isEmpty() || EXTERNAL.matcher(destination).find()) {
            return null;
        }
        int hash = destination.indexOf('#');
        String file = URLDecoder.decode(hash < 0 ? destination : destination.substring(0, hash),
                StandardCharsets.UTF_8).replace("\u0000", "");
        String anchor = hash < 0 ? null : URLDecoder.decode(destination.substring(hash + 1), StandardCharsets.UTF_8);
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        Path target = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!Files.exists(target)) {
            return "no such file or folder: " + target;
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!Files.isRegularFile(target) || !target.getFileName().toString().endsWith(".md")) {
            return "an anchor into something that is not a Markdown file";
        }
        Set<String> slugs = anchors.get(target.toAbsolutePath().normalize());
        if (slugs == null) {
            slugs = headingSlugs(parse(target));
            anchors.put(target.toAbsolutePath().normalize(), slugs);
        }
        return slugs.contains(anchor) ? null : "no heading with the anchor #" + anchor + " in " + target;
    }

    private static Node parse(Path document) throws IOException {
        return PARSER.parse(Files.readString(document));
    }

    /** Every link's and image's destination, in document order. */
    private static List<String> destinations(Node document) {
        List<String> destinations = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
                visitChildren(image);
            }
        });
        return destinations;
    }

    /** The anchors GitHub gives the headings: the slug, then -1, -2, ... for repeats. */
    private static Set<String> headingSlugs(Node document) {
        Set<String> slugs = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String base = slug(text(heading));
                int count = seen.merge(base, 1, Integer::sum) - 1;
                slugs.add(count == 0 ? base : base + "-" + count);
            }
        });
        return slugs;
    }

    /** A heading's text as GitHub renders it: its text and code spans, no markup. */
    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(HtmlInline html) {
                // tags add no text
            }
        });
        return text.toString();
    }

    /**
     * GitHub's slug: lowercase; drop every character but letters, marks, digits, underscores,
     * hyphens and spaces; each space becomes a hyphen.
     */
    static String slug(String heading) {
        String kept = heading.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "");
        return kept.replace(' ', '-');
    }
}
