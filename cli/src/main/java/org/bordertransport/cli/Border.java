package org.bordertransport.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.bordertransport.cli.convert.ConvertCommand;
import org.bordertransport.cli.messageid.MessageIdCommands;
import org.bordertransport.cli.ndr.NdrCommands;
import org.bordertransport.cli.srs.SrsCommands;
import org.bordertransport.cli.tnef.TnefCommands;

/**
 * {@code bin/border}: the administration command line of Border Transport. It runs the same engines, with the same
 * configuration ({@code conf/mailetcontainer.xml}), as the mailets inside James.
 *
 * <p>Exit status: {@value #EXIT_OK} success, {@value #EXIT_FINDINGS} the command ran and found a problem in its
 * input (for instance a malformed Message-ID), {@value #EXIT_ERROR} usage, configuration or I/O error.</p>
 */
public final class Border {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_ERROR = 2;
    public static final String NAME = "border";
    public static final String DEFAULT_CONF = "conf";

    private final CommandGroup root;

    public Border() {
        this.root = new CommandGroup(NAME, "Border Transport administration",
            "Border Transport administration: the engines of the mailets, run by hand on files."
                + "\n\nGlobal options:"
                + "\n  --conf DIR     James configuration directory (default ./" + DEFAULT_CONF + "); commands read"
                + "\n                 DIR/mailetcontainer.xml and DIR/domainlist.xml"
                + "\n  --version      print the version"
                + "\n  -h, --help     print this help"
                + "\n\nExit status: 0 success, 1 problems found in the input, 2 usage, configuration or I/O error.",
            commands());
    }

    /** Every top-level command; add new ones here. */
    static List<Command> commands() {
        return Arrays.asList(MessageIdCommands.group(), new ConvertCommand(), TnefCommands.group(),
            SrsCommands.group(), NdrCommands.group());
    }

    public static void main(String[] args) {
        Context context = new Context(System.in, System.out, System.err, Paths.get(DEFAULT_CONF),
            Clock.systemDefaultZone(), new SecureRandom());
        int status = new Border().run(context, Arrays.asList(args));
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line; never throws and never exits. */
    public int run(Context context, List<String> args) {
        PrintStream err = context.err();
        Context ctx = context;
        int i = 0;
        try {
            while (i < args.size() && args.get(i).startsWith("-")) {
                String arg = args.get(i);
                if (arg.equals("--help") || arg.equals("-h")) {
                    context.out().print(root.help(NAME));
                    return EXIT_OK;
                } else if (arg.equals("--version")) {
                    context.out().println(NAME + " " + version());
                    return EXIT_OK;
                } else if (arg.equals("--conf")) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option '--conf' needs a directory");
                    }
                    ctx = ctx.withConfDir(Paths.get(args.get(i + 1)));
                    i += 2;
                } else if (arg.startsWith("--conf=")) {
                    ctx = ctx.withConfDir(Paths.get(arg.substring("--conf=".length())));
                    i++;
                } else {
                    throw new UsageException("unknown option '" + arg + "'");
                }
            }
            if (i >= args.size()) {
                err.print(root.help(NAME));
                return EXIT_ERROR;
            }
            return root.run(ctx, NAME, args.subList(i, args.size()));
        } catch (UsageException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("Run '" + e.commandPath().orElse(NAME) + " --help' for usage.");
            return EXIT_ERROR;
        } catch (CommandException e) {
            err.println(NAME + ": " + e.getMessage());
            return EXIT_ERROR;
        } catch (IOException | UncheckedIOException e) {
            err.println(NAME + ": " + e.getMessage());
            return EXIT_ERROR;
        } catch (RuntimeException e) {
            err.println(NAME + ": internal error, please report it: " + e);
            e.printStackTrace(err);
            return EXIT_ERROR;
        }
    }

    static String version() {
        String version = Border.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    /** Opens a file named on the command line; {@code -} is standard input (left open by {@code close()}). */
    public static InputStream open(Context context, String file) throws IOException {
        if (file.equals("-")) {
            return new FilterInputStream(context.in()) {
                @Override
                public void close() {
                    // standard input stays open
                }
            };
        }
        return Files.newInputStream(Paths.get(file));
    }

    /** A short reason for an I/O failure on a named file, for messages such as "cannot read x.eml: no such file". */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
