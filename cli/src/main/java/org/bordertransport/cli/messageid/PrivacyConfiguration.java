package org.bordertransport.cli.messageid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.config.JamesConfiguration;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;

/**
 * Builds {@link MessageIdPrivacySettings} from the mailets' own configuration, so that the CLI does exactly what
 * the server does.
 *
 * <p>Outbound: the parameters of the first {@code ReplaceInternalMessageId} mailet. Inbound: those of the first
 * {@code RestoreInternalMessageId} mailet, or when there is none, the {@code keys} and {@code publicDomain} of the
 * {@code ReplaceInternalMessageId} mailet (the two must agree for replies to be restored).</p>
 */
final class PrivacyConfiguration {
    static final String REPLACE_MAILET = "org.bordertransport.mailets.ReplaceInternalMessageId";
    static final String RESTORE_MAILET = "org.bordertransport.mailets.RestoreInternalMessageId";

    private PrivacyConfiguration() {
    }

    static MessageIdPrivacySettings outbound(JamesConfiguration conf) throws CommandException {
        Map<String, String> parameters = conf.mailetParameters(REPLACE_MAILET)
            .orElseThrow(() -> missing(conf, REPLACE_MAILET));
        return settings(conf, REPLACE_MAILET, parameters, MessageIdPrivacySettings.REPLACE_PARAMETERS);
    }

    static MessageIdPrivacySettings inbound(JamesConfiguration conf) throws CommandException {
        Optional<Map<String, String>> restore = conf.mailetParameters(RESTORE_MAILET);
        if (restore.isPresent()) {
            return settings(conf, RESTORE_MAILET, restore.get(), MessageIdPrivacySettings.RESTORE_PARAMETERS);
        }
        Map<String, String> replace = conf.mailetParameters(REPLACE_MAILET)
            .orElseThrow(() -> missing(conf, RESTORE_MAILET + " or " + REPLACE_MAILET));
        Map<String, String> shared = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : replace.entrySet()) {
            if (MessageIdPrivacySettings.RESTORE_PARAMETERS.contains(parameter.getKey())) {
                shared.put(parameter.getKey(), parameter.getValue());
            }
        }
        return settings(conf, REPLACE_MAILET, shared, MessageIdPrivacySettings.RESTORE_PARAMETERS);
    }

    private static MessageIdPrivacySettings settings(JamesConfiguration conf, String mailet, Map<String, String> parameters,
                                                     java.util.Set<String> allowed) throws CommandException {
        Optional<String> defaultDomain = conf.defaultDomain();
        try {
            return MessageIdPrivacySettings.from(parameters, allowed, defaultDomain);
        } catch (IllegalArgumentException e) {
            throw new CommandException(conf.mailetContainerFile() + ": mailet " + mailet + ": " + e.getMessage(), e);
        }
    }

    private static CommandException missing(JamesConfiguration conf, String mailet) {
        return new CommandException(conf.mailetContainerFile() + ": no <mailet class=\"" + mailet + "\"> is configured");
    }
}
