package org.bordertransport.cli;

import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.bordertransport.cli.common.CommandGroup;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.ContextSource;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.HelpWord;
import org.bordertransport.cli.convert.ConvertCommand;
import org.bordertransport.cli.exchange.ImportExchangeCommand;
import org.bordertransport.cli.messageid.MessageIdCommands;
import org.bordertransport.cli.ndr.NdrCommands;
import org.bordertransport.cli.srs.SrsCommands;
import org.bordertransport.cli.tnef.TnefCommands;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * {@code bin/border}: the administration command line of Border Transport. It runs the same engines, with the same
 * configuration ({@code conf/mailetcontainer.xml}), as the mailets inside James.
 *
 * <p>The root picocli command: global options, and the top-level commands (add new ones to {@code subcommands}).
 * Exit status: {@value Exit#OK} success, {@value Exit#FINDINGS} the command ran and found a problem in its input
 * (for instance a malformed Message-ID), {@value Exit#ERROR} usage, configuration or I/O error.</p>
 */
@Command(name = Exit.NAME, versionProvider = Border.Version.class,
    subcommands = {MessageIdCommands.class, ConvertCommand.class, ImportExchangeCommand.class, TnefCommands.class,
        SrsCommands.class, NdrCommands.class, HelpWord.class})
public final class Border extends CommandGroup implements ContextSource {
    public static final String DEFAULT_CONF = "conf";

    @Option(names = "--conf")
    private String conf;

    @Option(names = "--version", versionHelp = true)
    private boolean version;

    private Context base;

    public Border() {
        super("Border Transport administration",
            "Border Transport administration: the engines of the mailets, run by hand on files."
                + "\n\nGlobal options:"
                + "\n  --conf DIR     James configuration directory (default ./" + DEFAULT_CONF + "); commands read"
                + "\n                 DIR/mailetcontainer.xml and DIR/domainlist.xml"
                + "\n  --version      print the version"
                + "\n  -h, --help     print this help"
                + "\n\nExit status: 0 success, 1 problems found in the input, 2 usage, configuration or I/O error.");
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
        Border root = new Border();
        root.base = context;
        return Launcher.run(new CommandLine(root), context, args);
    }

    @Override
    public Context context() {
        return conf == null ? base : base.withConfDir(Paths.get(conf));
    }

    /** Without a command: the help, on standard error. */
    @Override
    public Integer call() {
        base.err().print(help(Exit.NAME));
        return Exit.ERROR;
    }

    static String version() {
        String version = Border.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    /** {@code border VERSION}, from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Exit.NAME + " " + version()};
        }
    }
}
