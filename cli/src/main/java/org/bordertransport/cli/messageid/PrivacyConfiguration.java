package org.bordertransport.cli.messageid;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.config.JamesConfiguration;
import org.bordertransport.core.config.ConfigurationFileException;
import org.bordertransport.core.messageid.MessageIdPrivacyConfiguration;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;

/**
 * {@link MessageIdPrivacyConfiguration} (shared with the WebAdmin routes) for the commands: the mailets' own
 * settings, so that the CLI does exactly what the server does; failures as {@link CommandException}s.
 */
final class PrivacyConfiguration {
    static final String REPLACE_MAILET = MessageIdPrivacyConfiguration.REPLACE_MAILET;
    static final String RESTORE_MAILET = MessageIdPrivacyConfiguration.RESTORE_MAILET;

    private PrivacyConfiguration() {
    }

    static MessageIdPrivacySettings outbound(JamesConfiguration conf) throws CommandException {
        try {
            return MessageIdPrivacyConfiguration.outbound(conf.files());
        } catch (ConfigurationFileException e) {
            throw JamesConfiguration.failure(e);
        }
    }

    static MessageIdPrivacySettings inbound(JamesConfiguration conf) throws CommandException {
        try {
            return MessageIdPrivacyConfiguration.inbound(conf.files());
        } catch (ConfigurationFileException e) {
            throw JamesConfiguration.failure(e);
        }
    }
}
