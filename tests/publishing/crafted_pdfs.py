"""PDF files as an attacker would craft them for the public verification page, built byte by
byte (no Django here: bench/bad_inputs.py and the tests' child processes import it)."""

import io
import time

SIGNATURE = (
    b"/FT /Sig /V << /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
    b"/ByteRange [0 10 20 10] /Contents <00> >>"
)


def pdf_of(objects: dict[int, bytes]) -> bytes:
    """A PDF with these numbered objects (1 the catalogue), a cross-reference table and a
    trailer, as a real writer lays them out."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def deeply_nested_signature_field(depth: int) -> bytes:
    """A signature field at the bottom of `depth` form fields, each the only kid of the one
    above (a real document's fields are one or two deep). depth=100_000 is about 7 MB."""
    first = 4
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%d 0 R] >> >>" % first,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    }
    for level in range(depth):
        number = first + level
        objects[number] = (
            b"<< /T (f) /Kids [%d 0 R] >>" % (number + 1) if level < depth - 1
            else b"<< /T (s) " + SIGNATURE + b" >>"
        )  # fmt: skip
    return pdf_of(objects)


def deeply_nested_arrays(depth: int) -> bytes:
    """A page whose media box is an array inside an array, `depth` times."""
    box = b"[" * depth + b"0 0 595 842" + b"]" * depth
    return pdf_of({
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" >>",
        4: b"<< /T (s) " + SIGNATURE + b" /Rect " + box + b" >>",
    })  # fmt: skip


def field_loop() -> bytes:
    """Two fields, each the other's kid."""
    return pdf_of({
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        4: b"<< /T (a) /Kids [5 0 R] >>",
        5: b"<< /T (b) /Kids [4 0 R] >>",
    })  # fmt: skip


def catalogue_not_a_dictionary() -> bytes:
    """A trailer whose /Root is a number (pyHanko asserts it is a dictionary)."""
    return pdf_of({1: b"5"})


def previous_cross_reference_nowhere() -> bytes:
    """A trailer whose /Prev points into the header, where no cross-reference is (pyHanko
    asserts it finds one)."""
    return field_loop().replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev 9")


# Work for a child process that does not end well (tests of organisations/isolation.py).


def sleeps(seconds: float) -> str:
    time.sleep(seconds)
    return "woke up"


def takes_memory(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))
