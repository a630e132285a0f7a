package org.bordertransport.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options a leaf command accepts, and their parsing: flags ({@code --inbound}), options with a value
 * ({@code -o FILE}, {@code --out=FILE}) and positional arguments. {@code --help}/{@code -h} are always known,
 * {@code --} ends the options and a lone {@code -} is a positional argument (standard input).
 */
public final class Options {
    public static final String HELP = "--help";

    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final Set<String> valued = new HashSet<>();

    public Options() {
        flag(HELP, "-h");
    }

    /** Declares a flag; the first name is the one {@link Parsed#has} is asked with. */
    public Options flag(String name, String... otherNames) {
        flags.add(name);
        alias(name, otherNames);
        return this;
    }

    /** Declares an option taking a value. */
    public Options valued(String name, String... otherNames) {
        valued.add(name);
        alias(name, otherNames);
        return this;
    }

    private void alias(String name, String... otherNames) {
        aliases.put(name, name);
        for (String other : otherNames) {
            aliases.put(other, name);
        }
    }

    public Parsed parse(List<String> args) throws UsageException {
        Set<String> present = new HashSet<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String word = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                word = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            String name = aliases.get(word);
            if (name == null) {
                throw new UsageException("unknown option '" + word + "'");
            }
            if (flags.contains(name)) {
                if (inlineValue != null) {
                    throw new UsageException("option '" + word + "' takes no value");
                }
                present.add(name);
            } else {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option '" + word + "' needs a value");
                    }
                    value = args.get(++i);
                }
                if (values.containsKey(name)) {
                    throw new UsageException("option '" + word + "' is given twice");
                }
                values.put(name, value);
            }
        }
        return new Parsed(present, values, positionals);
    }

    /** The result of {@link #parse}. */
    public static final class Parsed {
        private final Set<String> flags;
        private final Map<String, String> values;
        private final List<String> positionals;

        private Parsed(Set<String> flags, Map<String, String> values, List<String> positionals) {
            this.flags = Collections.unmodifiableSet(flags);
            this.values = Collections.unmodifiableMap(values);
            this.positionals = Collections.unmodifiableList(positionals);
        }

        public boolean has(String flag) {
            return flags.contains(flag);
        }

        public Optional<String> value(String option) {
            return Optional.ofNullable(values.get(option));
        }

        public List<String> positionals() {
            return positionals;
        }
    }
}
