package dev.synapsebench.report.page;

import dev.synapsebench.model.RunFolder;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's headline tables, between {@code <!-- headline results/<run> -->} and
 * {@code <!-- /headline -->}: each block is written from its run folder by {@link HeadlineTable},
 * never by hand, so that the front page quotes exactly what the run's model derives.
 */
public final class HeadlineBlocks {

    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- headline (\\S+) -->\\n)(.*?)(<!-- /headline -->)", Pattern.DOTALL);

    private HeadlineBlocks() {
    }

    /**
     * {@code markdown} with every headline block written anew.
     *
     * @param root the folder the blocks' run paths are relative to (the repository's)
     */
    public static String update(String markdown, Path root) {
        Matcher block = BLOCK.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (block.find()) {
            String table = HeadlineTable.markdown(RunFolder.read(root.resolve(block.group(2))));
            block.appendReplacement(out, Matcher.quoteReplacement(block.group(1) + table + block.group(4)));
        }
        block.appendTail(out);
        return out.toString();
    }

    /** How many headline blocks {@code markdown} holds. */
    public static int count(String markdown) {
        return (int) BLOCK.matcher(markdown).results().count();
    }
}
