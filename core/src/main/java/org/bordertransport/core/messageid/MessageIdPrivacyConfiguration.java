package org.bordertransport.core.messageid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bordertransport.core.config.ConfigurationFileException;
import org.bordertransport.core.config.JamesConfigurationFiles;

/**
 * Builds {@link MessageIdPrivacySettings} from the mailets' own configuration in James's
 * {@code mailetcontainer.xml}, so that the tools beside the server (the CLI, the WebAdmin routes) do exactly what the
 * server does.
 *
 * <p>Outbound: the parameters of the first {@code ReplaceInternalMessageId} mailet. Inbound: those of the first
 * {@code RestoreInternalMessageId} mailet, or when there is none, the {@code keys} and {@code publicDomain} of the
 * {@code ReplaceInternalMessageId} mailet (the two must agree for replies to be restored).</p>
 */
public final class MessageIdPrivacyConfiguration {
    public static final String REPLACE_MAILET = "org.bordertransport.mailets.ReplaceInternalMessageId";
    public static final String RESTORE_MAILET = "org.bordertransport.mailets.RestoreInternalMessageId";

    private MessageIdPrivacyConfiguration() {
    }

    /** The settings of {@code ReplaceInternalMessageId}. */
    public static MessageIdPrivacySettings outbound(JamesConfigurationFiles conf) throws ConfigurationFileException {
        Map<String, String> parameters = conf.mailetParameters(REPLACE_MAILET)
            .orElseThrow(() -> missing(conf, REPLACE_MAILET));
        return settings(conf, REPLACE_MAILET, parameters, MessageIdPrivacySettings.REPLACE_PARAMETERS);
    }

    /** The settings of {@code RestoreInternalMessageId}, else the shared ones of {@code ReplaceInternalMessageId}. */
    public static MessageIdPrivacySettings inbound(JamesConfigurationFiles conf) throws ConfigurationFileException {
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

    private static MessageIdPrivacySettings settings(JamesConfigurationFiles conf, String mailet,
                                                     Map<String, String> parameters, Set<String> allowed)
        throws ConfigurationFileException {
        Optional<String> defaultDomain = conf.defaultDomain();
        try {
            return MessageIdPrivacySettings.from(parameters, allowed, defaultDomain);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationFileException(conf.mailetContainerFile() + ": mailet " + mailet + ": "
                + e.getMessage(), e);
        }
    }

    private static ConfigurationFileException missing(JamesConfigurationFiles conf, String mailet) {
        return new ConfigurationFileException(conf.mailetContainerFile() + ": no <mailet class=\"" + mailet
            + "\"> is configured", null);
    }
}
