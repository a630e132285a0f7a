package org.bordertransport.webadmin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.core.config.ConfigurationFileException;
import org.bordertransport.core.config.JamesConfigurationFiles;
import org.bordertransport.core.messageid.MessageIdPrivacyConfiguration;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdSyntax;
import org.bordertransport.core.messageid.PublicMessageIds;

/**
 * Message-IDs as {@code ReplaceInternalMessageId} and {@code RestoreInternalMessageId} see them, with their keys and
 * settings from {@code mailetcontainer.xml} ({@link MessageIdPrivacyConfiguration}, as {@code bin/border message-id}
 * reads them): a public ID mapped back to the internal one (for support), and an ID checked.
 */
public final class MessageIdService {
    static final int MAX_ID_LENGTH = MessageIdSyntax.MAX_LENGTH;

    /** What an ID is to this server. */
    public enum Kind {
        /** A public ID of ours (our public domain and form): it verifies under one of our keys, or it does not. */
        PUBLIC,
        /** An internal ID: its right-hand side names an internal host, so it would be replaced on the way out. */
        INTERNAL,
        /** Neither: left as it is in both directions. */
        FOREIGN
    }

    private final BorderConf conf;

    public MessageIdService(BorderConf conf) {
        this.conf = conf;
    }

    /** {@code GET /border/message-ids/internal?id=...}: the internal ID behind a public one. */
    public Map<String, Object> internal(String rawId) throws RouteException {
        String id = bare(rawId);
        PublicMessageIds codec = inbound().codec();
        if (!codec.looksPublic(id)) {
            throw RouteException.notFound("'<" + id + ">' is not a public Message-ID of this server: public IDs are"
                + " <KEYID.BASE32@" + codec.publicDomain() + ">");
        }
        if (PublicMessageIds.isOneWay(id)) {
            throw RouteException.notFound("'<" + id + ">' is the one-way form (h.): the internal ID was too long to"
                + " encrypt reversibly and cannot be recovered");
        }
        Optional<String> internal = codec.toInternal(id);
        if (internal.isEmpty()) {
            throw RouteException.notFound("'<" + id + ">' does not verify under any of our keys: made with a key no"
                + " longer configured, altered, or forged");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("publicId", "<" + id + ">");
        out.put("internalId", "<" + internal.get() + ">");
        return out;
    }

    /** {@code GET /border/message-ids/check?id=...}: syntax, kind, whether it verifies, its public form. */
    public Map<String, Object> check(String rawId) throws RouteException {
        String id = bare(rawId);
        MessageIdPrivacySettings outbound = outbound();
        PublicMessageIds codec = inbound().codec();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "<" + id + ">");
        out.put("syntax", MessageIdSyntax.check("<" + id + ">").name());
        if (codec.looksPublic(id)) {
            boolean oneWay = PublicMessageIds.isOneWay(id);
            Optional<String> internal = oneWay ? Optional.empty() : codec.toInternal(id);
            out.put("kind", Kind.PUBLIC.name());
            out.put("oneWay", oneWay);
            out.put("verifies", internal.isPresent());
            out.put("internalId", internal.map(i -> "<" + i + ">").orElse(null));
            out.put("leavesAs", "<" + id + ">");
        } else if (outbound.internalHosts().isInternalId(id)) {
            out.put("kind", Kind.INTERNAL.name());
            out.put("oneWay", false);
            out.put("verifies", null);
            out.put("internalId", "<" + id + ">");
            out.put("leavesAs", "<" + outbound.codec().toPublic(id) + ">");
        } else {
            out.put("kind", Kind.FOREIGN.name());
            out.put("oneWay", false);
            out.put("verifies", null);
            out.put("internalId", null);
            out.put("leavesAs", "<" + id + ">");
        }
        return out;
    }

    /** The ID without angle brackets; 400 when it is missing or cannot be an ID. */
    static String bare(String rawId) throws RouteException {
        String id = rawId == null ? "" : rawId.trim();
        if (id.startsWith("<") && id.endsWith(">") && id.length() >= 2) {
            id = id.substring(1, id.length() - 1).trim();
        }
        if (id.isEmpty()) {
            throw RouteException.badParameter("id", "missing: give a Message-ID such as <abc@host.example>");
        }
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(c -> Character.isISOControl(c) || c == ' ')
            || id.indexOf('@') <= 0 || id.indexOf('<') >= 0 || id.indexOf('>') >= 0) {
            throw RouteException.badParameter("id", "'" + rawId + "' is not a Message-ID: allowed <left@right>, at"
                + " most " + MAX_ID_LENGTH + " characters without spaces or control characters");
        }
        return id;
    }

    private MessageIdPrivacySettings inbound() throws RouteException {
        JamesConfigurationFiles files = conf.files();
        try {
            return MessageIdPrivacyConfiguration.inbound(files);
        } catch (ConfigurationFileException e) {
            throw RouteException.configuration(e.getMessage(), e);
        }
    }

    private MessageIdPrivacySettings outbound() throws RouteException {
        JamesConfigurationFiles files = conf.files();
        try {
            return MessageIdPrivacyConfiguration.outbound(files);
        } catch (ConfigurationFileException e) {
            throw RouteException.configuration(e.getMessage(), e);
        }
    }
}
