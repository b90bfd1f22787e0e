#include <array>
#include <vouch/util/json_writer.hpp>

namespace vouch::util {

namespace {

// The bytes a JSON string escapes: control characters, '"' and '\\'.
constexpr auto k_escaped = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) {
        table[c] = true;
    }
    table['"'] = table['\\'] = true;
    return table;
}();

} // namespace

// Byte for byte what nlohmann's dump() writes for valid UTF-8 (short escapes where JSON has them,
// lowercase \u00XX otherwise, nothing else escaped), so outputs once made through nlohmann keep
// their bytes. Runs of plain bytes are copied at once: SBOMs and advisories are megabytes.
void append_json_string(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0; // start of the run of bytes copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!k_escaped[c]) {
            continue;
        }
        out.append(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += k_hex[c >> 4];
            out += k_hex[c & 0xf];
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out += '"';
}

void JsonWriter::newline() {
    m_out += '\n';
    m_out.append(m_first.size() * 2, ' ');
}

void JsonWriter::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back()) {
            m_out += ',';
        }
        m_first.back() = false;
        newline();
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    m_out += '{';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_container(char close) {
    const bool empty = m_first.back();
    m_first.pop_back();
    if (!empty) {
        newline();
    }
    m_out += close;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    return end_container('}');
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    m_out += '[';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    return end_container(']');
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(m_out, name);
    m_out += ": ";
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_json_string(m_out, text);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    m_out += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_out += "null";
    return *this;
}

JsonWriter JsonWriter::continuing(std::size_t depth, bool innermost_empty) {
    JsonWriter w;
    w.m_first.assign(depth, false);
    if (depth > 0) {
        w.m_first.back() = innermost_empty;
    }
    return w;
}

std::string JsonWriter::finish() {
    m_out += '\n';
    return std::move(m_out);
}

} // namespace vouch::util
