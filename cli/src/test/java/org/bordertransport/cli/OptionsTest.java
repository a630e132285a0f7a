package org.bordertransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.ContextSource;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.LeafCommand;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How every command parses its options (picocli as {@link Launcher} configures it): flags, options with a value
 * ({@code -o FILE}, {@code --output=FILE}) and positional arguments, and the usage errors, worded as before.
 */
class OptionsTest {
    /** What the probe saw. */
    private static final List<String> SEEN = new ArrayList<>();

    @Command(name = "probe")
    static final class Probe extends LeafCommand {
        @Option(names = "--inbound", arity = "0")
        private boolean inbound;

        @Option(names = {"--output", "-o"})
        private String output;

        Probe() {
            super("probe the parser", "[--inbound] [-o OUT] ARGS", "Options as the commands declare them.\n");
        }

        @Override
        protected int execute(Context context) {
            SEEN.add("inbound=" + inbound);
            SEEN.add("output=" + output);
            SEEN.add("positionals=" + positionals());
            return Exit.OK;
        }
    }

    @Command(name = Exit.NAME, subcommands = Probe.class)
    static final class Root extends CommandGroup implements ContextSource {
        private final Context context;

        Root(Context context) {
            super("test root", "A root with one command.");
            this.context = context;
        }

        @Override
        public Context context() {
            return context;
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        SEEN.clear();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context context = new Context(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            Paths.get("conf"), Cli.CLOCK, new SecureRandom());
        List<String> line = new ArrayList<>(List.of("probe"));
        line.addAll(List.of(args));
        int exit = Launcher.run(new CommandLine(new Root(context)), context, line);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldSeparateFlagsValuesAndPositionals() {
        Run run = run("a.eml", "--inbound", "-o", "out.eml");

        assertThat(run.exit()).isZero();
        assertThat(SEEN).containsExactly("inbound=true", "output=out.eml", "positionals=[a.eml]");
    }

    @Test
    void shouldAcceptInlineValues() {
        run("--output=x=y");

        assertThat(SEEN).contains("output=x=y");
    }

    @Test
    void dashShouldBePositionalAndDoubleDashShouldEndOptions() {
        run("-", "--", "--inbound");

        assertThat(SEEN).containsExactly("inbound=false", "output=null", "positionals=[-, --inbound]");
    }

    @Test
    void anOptionValueMayLookLikeAnOption() {
        run("-o", "--inbound");

        assertThat(SEEN).containsExactly("inbound=false", "output=--inbound", "positionals=[]");
    }

    @Test
    void repeatedFlagsShouldPass() {
        assertThat(run("--inbound", "--inbound").exit()).isZero();
    }

    @Test
    void atFilesShouldNotBeExpanded() {
        run("@args.txt");

        assertThat(SEEN).contains("positionals=[@args.txt]");
    }

    @Test
    void helpShouldAlwaysBeKnown() {
        Run run = run("-h");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: border probe [--inbound] [-o OUT] ARGS\n\nProbe the parser.\n\n");
        assertThat(SEEN).isEmpty();
    }

    @Test
    void shouldRejectUnknownOptions() {
        assertThat(run("--outbound").err()).isEqualTo("border: border probe: unknown option '--outbound'\n"
            + "Run 'border probe --help' for usage.\n");
        assertThat(run("--outbound=x").err()).startsWith("border: border probe: unknown option '--outbound'\n");
    }

    @Test
    void shouldRejectMissingValues() {
        Run run = run("-o");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("border: border probe: option '-o' needs a value\n");
    }

    @Test
    void shouldRejectValuesOnFlags() {
        assertThat(run("--inbound=yes").err()).startsWith("border: border probe: option '--inbound' takes no value\n");
        assertThat(run("--inbound=true").err()).startsWith("border: border probe: option '--inbound' takes no value\n");
    }

    @Test
    void shouldRejectRepeatedValues() {
        Run run = run("-o", "a", "--output", "b");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("border: border probe: option '--output' is given twice\n");
        assertThat(SEEN).isEmpty();
    }
}
