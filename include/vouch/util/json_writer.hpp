#pragma once
// A small streaming JSON writer for large, deterministic outputs (SBOMs): keys are written in
// the order the caller gives, with two-space indentation, and strings escaped per RFC 8259.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vouch::util {

class JsonWriter {
  public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& null();
    // key(name).value(v) in one call.
    template <class T> JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    // Room for about `bytes` of output, so a large document is not copied as it grows (pages
    // of an over-estimate that are never written cost nothing).
    void reserve(std::size_t bytes) { m_out.reserve(bytes); }

    // The document, with a trailing newline.
    std::string finish();

    // A writer for the rest of a document that another writer has open `depth` containers deep,
    // each already holding a value (the innermost one possibly not): its text is appended to the
    // other writer's, so a long array's second half can be written on another thread.
    static JsonWriter continuing(std::size_t depth, bool innermost_empty = false);
    // The text written so far, without finishing (for continuing()'s part of a document).
    std::string take() { return std::move(m_out); }
    // The text written since the last clear_pending(), for a writer that hands its document
    // over in chunks (the buffer keeps its capacity).
    std::string_view pending() const { return m_out; }
    void clear_pending() { m_out.clear(); }

  private:
    void before_value();
    JsonWriter& end_container(char close);
    void newline();

    std::string m_out;
    std::vector<bool> m_first; // per open container: nothing written yet
    bool m_after_key = false;
};

// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

} // namespace vouch::util
