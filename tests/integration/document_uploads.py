# Documents for the upload tests: a small but real PDF, and the upload of a file to a booking
# through the API (POST /api/v1/bookings/{code}/documents with the manage token).
import urllib.parse

from amt import bearer


def real_pdf(text="Mietvertrag"):
    """A small but complete PDF 1.4 with one page, a font and a correct xref table."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def upload(client, booked, content, filename=None, document=None, token=None, content_type="application/pdf"):
    query = {k: v for k, v in (("filename", filename), ("document", document)) if v is not None}
    path = f"/api/v1/bookings/{booked['code']}/documents"
    if query:
        path += "?" + urllib.parse.urlencode(query)
    headers = {"Content-Type": content_type}
    headers.update(bearer(token or booked["manage_token"]))
    return client.request("POST", path, body=content, headers=headers)
