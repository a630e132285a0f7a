package org.bordertransport.core.tnefmime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The MIME type of an attachment: its PR_ATTACH_MIME_TAG when usable, else from its extension. */
final class MimeTypes {
    static final String OCTET_STREAM = "application/octet-stream";

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final Map<String, String> BY_EXTENSION = new HashMap<>();

    static {
        String[] table = {
            "pdf", "application/pdf",
            "doc", "application/msword",
            "dot", "application/msword",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xls", "application/vnd.ms-excel",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "ppt", "application/vnd.ms-powerpoint",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt", "application/vnd.oasis.opendocument.text",
            "ods", "application/vnd.oasis.opendocument.spreadsheet",
            "rtf", "application/rtf",
            "txt", "text/plain",
            "log", "text/plain",
            "csv", "text/csv",
            "htm", "text/html",
            "html", "text/html",
            "xml", "application/xml",
            "json", "application/json",
            "ics", "text/calendar",
            "vcf", "text/vcard",
            "msg", "application/vnd.ms-outlook",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "gif", "image/gif",
            "bmp", "image/bmp",
            "tif", "image/tiff",
            "tiff", "image/tiff",
            "svg", "image/svg+xml",
            "wmf", "image/wmf",
            "emf", "image/emf",
            "zip", "application/zip",
            "7z", "application/x-7z-compressed",
            "gz", "application/gzip",
            "mp3", "audio/mpeg",
            "wav", "audio/wav",
            "mp4", "video/mp4",
        };
        for (int i = 0; i < table.length; i += 2) {
            BY_EXTENSION.put(table[i], table[i + 1]);
        }
    }

    private MimeTypes() {
    }

    /**
     * PR_ATTACH_MIME_TAG lower-cased when it is a plain {@code type/subtype} (not multipart or message, which
     * would need structure the bytes may not have), else the type of the name's extension, else
     * {@value #OCTET_STREAM}.
     */
    static String of(Optional<String> mimeTag, String name) {
        if (mimeTag.isPresent()) {
            String tag = mimeTag.get().trim().toLowerCase(Locale.ROOT);
            if (TYPE.matcher(tag).matches() && !tag.startsWith("multipart/") && !tag.startsWith("message/")) {
                return tag;
            }
        }
        return byExtension(name).orElse(OCTET_STREAM);
    }

    static Optional<String> byExtension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
