package org.bordertransport.mailets;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;

/** FakeMailContext, with border.test as the one domain James hosts and the given local mailboxes. */
final class BorderContext {
    final FakeMailContext fake;
    final MailetContext context;

    BorderContext(Set<String> localMailboxes) {
        try {
            fake = FakeMailContext.builder().postmaster(new MailAddress("postmaster@border.test")).build();
        } catch (javax.mail.internet.AddressException e) {
            throw new IllegalStateException(e);
        }
        context = (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(),
            new Class<?>[] {MailetContext.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "isLocalServer":
                        return ((Domain) args[0]).asString().equals("border.test");
                    case "isLocalEmail":
                        return localMailboxes.contains(((MailAddress) args[0]).asString());
                    default:
                        try {
                            return method.invoke(fake, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            });
    }
}
