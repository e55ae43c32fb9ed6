"""LINER-LIB network design: an adaptive large neighbourhood search over services whose inner
loop is the exact cargo-flow LP re-solved warm (see ``docs/design.md``)."""
