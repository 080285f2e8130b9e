// LibYAML: Leeway's one door to the C YAML parser.
//
// Leeway reads YAML from libyaml's events (see `YAMLReader` in LeewayCore), not through
// Yams' Swift API, so that every value keeps its source position. This local package
// re-exports the libyaml that Yams bundles (its `CYaml` module) and nothing else.
//
// Why a package of its own: `swift package generate-documentation` documents the targets
// of every product our own targets depend on directly. Depending on Yams through this
// package keeps Yams' Swift API — which Leeway does not use, and whose doc comments give
// DocC warnings — out of Leeway's documentation build.

/// libyaml's event parser (`yaml_parser_*`, `yaml_event_*`), as bundled by Yams.
@_exported import CYaml
