package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * A wrong Border Transport parameter in mailetcontainer.xml stops James at startup, with a message that names the
 * parameter: the admin learns at once, not from the first mail.
 */
class StartupFailureTest {
    private static final String MAILETS = "mailetcontainer.xml";
    private static final String ADD_MESSAGE_ID_PARAMETERS = "<onMalformed>replace</onMalformed>";
    private static final String REPLACE = "class=\"org.bordertransport.mailets.ReplaceInternalMessageId\">";
    private static final String RESTORE = "class=\"org.bordertransport.mailets.RestoreInternalMessageId\">";
    private static final List<String> NOISY_LOGGERS = List.of(
        "org.apache.james.mailetcontainer.lib.AbstractStateMailetProcessor", "org.apache.james.GuiceJamesServer");

    /** James logs each failed start with three full stack traces; the assertions below say what matters. */
    @BeforeAll
    static void quietStartupErrors() {
        for (String name : NOISY_LOGGERS) {
            logger(name).setLevel(Level.OFF);
        }
    }

    @AfterAll
    static void restoreStartupErrors() {
        for (String name : NOISY_LOGGERS) {
            logger(name).setLevel(null);
        }
    }

    @Test
    void jamesContainerParametersAreAcceptedOnBorderTransportMailets() throws Exception {
        try (BorderJames james = BorderJames.builder()
            .replaceInConf(MAILETS, ADD_MESSAGE_ID_PARAMETERS,
                ADD_MESSAGE_ID_PARAMETERS + "<onMailetException>ignore</onMailetException>")
            .editConf(MAILETS, text -> text.replace(REPLACE, REPLACE + "<onMailetException>error</onMailetException>"))
            .start()) {
            assertThat(james.server().isStarted()).isTrue();
        }
    }

    @Test
    void unknownParameterOnAddMessageId() {
        assertStartupFails(BorderJames.builder().replaceInConf(MAILETS, ADD_MESSAGE_ID_PARAMETERS,
            ADD_MESSAGE_ID_PARAMETERS + "<colour>blue</colour>"), "AddMessageId", "colour");
    }

    @Test
    void malformedDomainOnAddMessageId() {
        assertStartupFails(BorderJames.builder().replaceInConf(MAILETS, ADD_MESSAGE_ID_PARAMETERS,
            ADD_MESSAGE_ID_PARAMETERS + "<domain>not a domain!</domain>"), "AddMessageId", "domain");
    }

    @Test
    void unknownOnMalformedValue() {
        assertStartupFails(BorderJames.builder().replaceInConf(MAILETS, ADD_MESSAGE_ID_PARAMETERS,
            "<onMalformed>discard</onMalformed>"), "AddMessageId", "onMalformed");
    }

    @Test
    void replaceInternalMessageIdWithoutKeys() {
        assertStartupFails(BorderJames.builder().editConf(MAILETS, text -> withoutKeysAfter(text, REPLACE)),
            "ReplaceInternalMessageId", "keys");
    }

    @Test
    void restoreInternalMessageIdWithAKeyThatIsNotBase64() {
        assertStartupFails(BorderJames.builder().editConf(MAILETS, text -> withoutKeysAfter(text, RESTORE)
            .replace(RESTORE, RESTORE + "<keys>sample:not-base64!</keys>")), "RestoreInternalMessageId", "keys");
    }

    @Test
    void unknownHasNoMessageIdCondition() {
        assertStartupFails(BorderJames.builder().replaceInConf(MAILETS, "HasNoMessageId=includeMalformed",
            "HasNoMessageId=includeEverything"), "HasNoMessageId", "includeEverything");
    }

    /** James itself refuses a processor that ConvertTnef's requiredProcessingState names and the conf lacks. */
    @Test
    void unknownErrorProcessorOnConvertTnef() {
        Throwable thrown = catchThrowable(() -> BorderJames.builder().replaceInConf(MAILETS,
            "<errorProcessor>tnef-error</errorProcessor>", "<errorProcessor>no-such-processor</errorProcessor>")
            .start().close());

        assertThat(thrown).as("James started despite the bad configuration").isNotNull();
        assertThat(messages(thrown)).anyMatch(m -> m.contains("no-such-processor"));
    }

    @Test
    void ghostAsErrorProcessorOnConvertTnef() {
        assertStartupFails(BorderJames.builder().replaceInConf(MAILETS, "<errorProcessor>tnef-error</errorProcessor>",
            "<errorProcessor>ghost</errorProcessor>"), "ConvertTnef", "errorProcessor");
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    private static String withoutKeysAfter(String text, String mailet) {
        int at = text.indexOf(mailet);
        int start = text.indexOf("<keys>", at);
        int end = text.indexOf("</keys>", start) + "</keys>".length();
        assertThat(at).isNotNegative();
        assertThat(start).isGreaterThan(at);
        return text.substring(0, start) + text.substring(end);
    }

    private static void assertStartupFails(BorderJames.Builder builder, String component, String parameter) {
        Throwable thrown = catchThrowable(() -> builder.start().close());

        assertThat(thrown).as("James started despite the bad configuration").isNotNull();
        List<String> messages = messages(thrown);
        Pattern word = Pattern.compile("\\b" + Pattern.quote(parameter) + "\\b");
        assertThat(messages).as("messages of the exception chain").anyMatch(m -> word.matcher(m).find())
            .anyMatch(m -> m.contains(component));
    }

    /** Every message in the chain: causes, suppressed exceptions and the causes Guice keeps in its error list. */
    private static List<String> messages(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(thrown));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            messages.add(String.valueOf(t.getMessage()));
            pending.add(t.getCause());
            pending.addAll(List.of(t.getSuppressed()));
            if (t instanceof CreationException) {
                ((CreationException) t).getErrorMessages().stream().map(Message::getCause).forEach(pending::add);
            }
            if (t instanceof ProvisionException) {
                ((ProvisionException) t).getErrorMessages().stream().map(Message::getCause).forEach(pending::add);
            }
        }
        return messages;
    }
}
