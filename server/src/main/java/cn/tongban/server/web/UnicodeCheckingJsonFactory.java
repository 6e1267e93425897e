package cn.tongban.server.web;

import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

/**
 * The JSON factory of the server's object mapper: every parser it makes refuses, as a parse error (400
 * {@code MALFORMED_REQUEST}), a string or field name that is not valid Unicode text — an unpaired surrogate
 * ({@code "\ud800"}, or its three-byte UTF-8 form, which Jackson decodes without complaint), U+0000, or a
 * noncharacter (U+FFFE, U+FFFF, U+FDD0..U+FDEF and their counterparts in every plane, Unicode §23.7). Such text
 * passes bean validation and then fails where it is written (UTF-8 encoders replace it, PostgreSQL refuses U+0000,
 * a provider's parser chokes), which made a client's typo a 502 or 500. Invalid UTF-8 byte sequences are already
 * refused by Jackson itself.
 */
public final class UnicodeCheckingJsonFactory extends JsonFactory {

    private static final long serialVersionUID = 1L;

    public UnicodeCheckingJsonFactory() {
        super();
    }

    private UnicodeCheckingJsonFactory(UnicodeCheckingJsonFactory src) {
        super(src, null);
    }

    @Override
    public JsonFactory copy() {
        return new UnicodeCheckingJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(in, ctxt));
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(r, ctxt));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
            throws IOException {
        return new Checked(super._createParser(data, offset, len, ctxt, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(data, offset, len, ctxt));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
        return new Checked(super._createParser(input, ctxt));
    }

    /** Where {@code text} is not valid Unicode text: the offending code unit's index, or -1. */
    public static int invalidAt(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                int cp = Character.toCodePoint(c, text.charAt(++i));
                if ((cp & 0xFFFE) == 0xFFFE) {
                    return i - 1;
                }
            } else if (Character.isLowSurrogate(c)
                    || c == 0
                    || (c & 0xFFFE) == 0xFFFE
                    || (c >= 0xFDD0 && c <= 0xFDEF)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks each string and field name as the parser reaches it. The {@code next*} shortcuts that deserializers
     * use ({@code nextFieldName}, {@code nextTextValue}, ...) go through {@link #nextToken()} here, so none skips
     * the check.
     */
    static final class Checked extends JsonParserDelegate {

        Checked(JsonParser d) {
            super(d);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
                String text = t == JsonToken.FIELD_NAME ? delegate.currentName() : delegate.getText();
                int at = invalidAt(text);
                if (at >= 0) {
                    throw new JsonParseException(
                            this,
                            String.format(
                                    java.util.Locale.ROOT,
                                    "a %s holds U+%04X at character %d, which is not valid Unicode text (unpaired surrogate,"
                                            + " U+0000 or a noncharacter)",
                                    t == JsonToken.FIELD_NAME ? "field name" : "string",
                                    (int) text.charAt(at),
                                    at + 1));
                }
            }
            return t;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public boolean nextFieldName(SerializableString str) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(currentName());
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }
    }
}
