// --help as a manual page: NAME, SYNOPSIS, DESCRIPTION, ..., built from CLI11's own option list.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace goaldrift::command {

/// Words filled into lines of at most `width` columns; each line starts with `indent` spaces,
/// the first with `first_indent`. A paragraph break ("\n\n") is kept as an empty line.
inline std::string wrap(const std::string& text, std::size_t indent, std::size_t first_indent, std::size_t width = 79) {
  std::string out;
  std::size_t paragraph_start = 0;
  bool first_line = true;
  while (paragraph_start <= text.size()) {
    std::size_t paragraph_end = text.find("\n\n", paragraph_start);
    if (paragraph_end == std::string::npos) paragraph_end = text.size();
    std::istringstream words(text.substr(paragraph_start, paragraph_end - paragraph_start));
    std::string line;
    std::string word;
    auto flush = [&] {
      out += std::string(first_line ? first_indent : indent, ' ') + line + "\n";
      first_line = false;
      line.clear();
    };
    while (words >> word) {
      const std::size_t lead = first_line ? first_indent : indent;
      if (!line.empty() && lead + line.size() + 1 + word.size() > width) flush();
      line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) flush();
    if (paragraph_end == text.size()) break;
    out += "\n";
    paragraph_start = paragraph_end + 2;
  }
  return out;
}

/// CLI11's formatter, replaced: every page (the command's and each subcommand's) reads like a
/// manual page. The option lists and synopses come from the options CLI11 parses, so they
/// cannot drift from what the command accepts; the prose comes from describe().
class man_page : public CLI::FormatterBase {
 public:
  struct text {
    /// Paragraphs separated by blank lines.
    std::string description;
    /// Command lines (printed verbatim) and what each does (wrapped).
    std::vector<std::pair<std::string, std::string>> examples;
  };

  void describe(const CLI::App* app, text t) { texts_[app] = std::move(t); }

  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode) const override {
    const auto subcommands = app->get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
    const auto found = texts_.find(app);
    const text page = found == texts_.end() ? text{} : found->second;
    std::string out = "NAME\n" + wrap(name + " - " + app->get_description(), 8, 4) + "\nSYNOPSIS\n";
    if (subcommands.empty()) {
      out += synopsis(app, name);
    } else {
      for (const CLI::App* sub : subcommands) out += synopsis(sub, name + " " + sub->get_name());
      out += wrap(name + " --help | --version", 8, 4);
    }
    if (!page.description.empty()) out += "\nDESCRIPTION\n" + wrap(page.description, 4, 4);
    if (!subcommands.empty()) {
      out += "\nSUBCOMMANDS\n";
      for (const CLI::App* sub : subcommands) out += tagged(sub->get_name(), sub->get_description());
    }
    out += "\nOPTIONS\n";
    for (const CLI::Option* opt : app->get_options()) {
      out += tagged(option_heading(opt), opt->get_description());
    }
    out += "\nEXIT STATUS\n" + exit_status_section();
    if (!page.examples.empty()) {
      out += "\nEXAMPLES\n";
      for (std::size_t i = 0; i < page.examples.size(); ++i) {
        out += (i == 0 ? "    " : "\n    ") + page.examples[i].first + "\n" + wrap(page.examples[i].second, 8, 8);
      }
    }
    out += "\nFILES\n" +
           wrap(
               "MODEL is a model file: a JSON object choosing the state, perception, goal and pressure parts, the "
               "run (start, end, dt, save_every, method) and optionally an ensemble study. docs/model-file.md "
               "describes the format, docs/parameters.md every parameter path, and examples/models/ holds every "
               "example story as a model file.",
               4, 4);
    out += "\nSEE ALSO\n" + wrap(
                                "docs/command.md (this manual, with more examples), docs/model-file.md, "
                                "docs/parameters.md.",
                                4, 4);
    return out;
  }

 private:
  // A man page's tagged paragraph: the tag, then the text indented under it; a tag that fits in
  // the indent shares the text's first line.
  static std::string tagged(const std::string& tag, const std::string& text) {
    std::string body = wrap(text, 8, 8);
    if (tag.size() < 4 && !body.empty()) return body.replace(0, 4 + tag.size(), "    " + tag);
    return "    " + tag + "\n" + body;
  }

  static std::string value_name(const CLI::Option* opt) {
    // CLI11 appends each validator's description ("METHOD:{euler,rk4,dopri5}").
    std::string type = opt->get_type_name();
    return type.substr(0, type.find(':'));
  }
  static bool takes_value(const CLI::Option* opt) { return !value_name(opt).empty(); }
  static bool repeatable(const CLI::Option* opt) { return opt->get_items_expected_max() > 1; }

  // "-o, --output FILE", "--chart", "MODEL".
  static std::string option_heading(const CLI::Option* opt) {
    if (opt->get_positional()) return opt->get_name();
    std::string out;
    for (const auto& s : opt->get_snames()) out += (out.empty() ? "-" : ", -") + s;
    for (const auto& l : opt->get_lnames()) out += (out.empty() ? "--" : ", --") + l;
    if (takes_value(opt)) out += " " + value_name(opt);
    return out;
  }

  // One command line of the synopsis: "goaldrift simulate MODEL [-o FILE] [--set PATH=VALUE]...",
  // wrapped under the first argument; "[-o FILE]" is one unit, never split.
  static std::string synopsis(const CLI::App* app, const std::string& prefix) {
    std::vector<std::string> units;
    for (const CLI::Option* opt : app->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
      units.push_back(opt->get_required() ? opt->get_name() : "[" + opt->get_name() + "]");
    }
    for (const CLI::Option* opt : app->get_options([](const CLI::Option* o) { return !o->get_positional(); })) {
      if (opt == app->get_help_ptr() || opt->get_lnames() == std::vector<std::string>{"version"}) continue;
      std::string name = opt->get_snames().empty() ? "--" + opt->get_lnames().front() : "-" + opt->get_snames().front();
      if (takes_value(opt)) name += " " + value_name(opt);
      units.push_back((opt->get_required() ? name : "[" + name + "]") + (repeatable(opt) ? "..." : ""));
    }
    const std::size_t hang = 4 + prefix.size() + 1;
    std::string out;
    std::string line = "    " + prefix;
    for (const auto& unit : units) {
      if (line.size() > hang && line.size() + 1 + unit.size() > 79) {
        out += line + "\n";
        line = std::string(hang - 1, ' ');
      }
      line += " " + unit;
    }
    return out + line + "\n";
  }

  static std::string exit_status_section() {
    const std::pair<const char*, const char*> statuses[] = {
        {"0",
         "Success. An ensemble in which some members failed also ends with 0 (the count is printed on "
         "standard error and the failed members are in outcomes.csv or failures.csv) unless "
         "--fail-on-member-failure is given."},
        {"1",
         "The run failed: the integration failed (a value became NaN or infinite, or an adaptive step "
         "could not meet its tolerance), a member failed in an ensemble whose file says \"failures\": "
         "\"stop\", or members failed under --fail-on-member-failure."},
        {"2",
         "Bad input: a malformed command line, a model file that cannot be read or has a mistake, "
         "an unknown parameter path or a value a part refuses. Nothing was run."},
        {"3", "An output file or directory could not be written."},
        {"4",
         "The fan chart could not be drawn (gnuplot is not installed, or it failed); the CSV files "
         "were written."},
    };
    std::string out;
    for (const auto& [code, meaning] : statuses) out += tagged(code, meaning);
    out += "\n" + wrap(
                      "Where more than one applies the smallest is returned. Every error is one line on standard "
                      "error: \"goaldrift: <message>\", the message worded as the library words it.",
                      4, 4);
    return out;
  }

  std::map<const CLI::App*, text> texts_;
};

}  // namespace goaldrift::command
