"""The zip of an uploaded e-learning package: opening it, its end record, the checks on its members,
the budget of unpacked bytes, reading members; and the small helpers the other modules share.

Nothing here knows SCORM or H5P. Every refusal is a ValidationError with a Dutch message that
tells the author what to repair.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

TITLE_MAX_LENGTH = 255
# imsmanifest.xml, h5p.json and content.json are read whole into memory; real ones are kilobytes.
DESCRIPTOR_MAX_BYTES = 16 * 1024**2
# A central directory entry is 46 bytes plus its name and extras: ~100 bytes in real packages.
# zipfile reads the whole directory into memory before we can count entries, so its size is
# bounded first, from the end record, at a generous 1 KiB per allowed entry.
DIRECTORY_BYTES_PER_ENTRY = 1024

# What reading a damaged zip raises (a negative seek from a bad offset is a ValueError).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error)


def _damaged() -> ValidationError:
    return ValidationError(
        _(
            "Dit bestand is geen geldig zip-bestand, of het is beschadigd. "
            "Maak het pakket opnieuw en upload het nog eens."
        ),
        code="not_a_zip",
    )


def _unsupported_compression(info) -> ValidationError:
    return ValidationError(
        _(
            "Het bestand %(name)s in het pakket is ingepakt op een manier die we niet kunnen lezen. "
            "Maak het zip-bestand opnieuw met de gewone compressie (deflate)."
        )
        % {"name": _short(info.filename)},
        code="compression",
    )


def _too_many(count: int) -> ValidationError:
    return ValidationError(
        _(
            "Het pakket bevat %(count)s bestanden en mappen; er mogen er hoogstens %(max)s in zitten."
        )
        % {"count": count, "max": settings.ELEARNING_MAX_FILES},
        code="too_many_files",
    )


def _end_record(upload, size: int) -> tuple[int, int] | None:
    """(entries, central directory size) from the zip's end record, or None if there is none."""
    tail_length = min(size, 22 + 0xFFFF)
    upload.seek(size - tail_length)
    tail = upload.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    locator = at - 20
    is_zip64 = entries == 0xFFFF or directory_size == 0xFFFFFFFF
    if is_zip64 and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        upload.seek(offset)
        record = upload.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            entries, directory_size = struct.unpack("<QQ", record[32:48])
    return entries, directory_size


def _open_archive(upload) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The opened zip and its members, after the checks that need no decompression."""
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    if size > settings.ELEARNING_MAX_PACKAGE_BYTES:
        raise ValidationError(
            _("Het pakket is %(size)s groot; het mag hoogstens %(max)s zijn.")
            % {
                "size": filesizeformat(size),
                "max": filesizeformat(settings.ELEARNING_MAX_PACKAGE_BYTES),
            },
            code="too_large",
        )
    end = _end_record(upload, size)
    if end is None:
        raise _damaged()
    entries, directory_size = end
    if entries > settings.ELEARNING_MAX_FILES:
        raise _too_many(entries)
    if directory_size > max(settings.ELEARNING_MAX_FILES, 1) * DIRECTORY_BYTES_PER_ENTRY:
        raise _damaged()
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (*_ZIP_ERRORS, NotImplementedError) as error:
        raise _damaged() from error
    try:
        members = archive.infolist()
        if len(members) > settings.ELEARNING_MAX_FILES:
            raise _too_many(len(members))
        seen: set[str] = set()
        for info in members:
            _check_member(info)
            if info.filename in seen:
                raise ValidationError(
                    _("Het bestand %(name)s staat twee keer in het pakket.")
                    % {"name": _short(info.filename)},
                    code="duplicate",
                )
            seen.add(info.filename)
        _check_file_folder_clash(members)
        declared = sum(info.file_size for info in members)
        # No separate rule on the compression ratio: deflate reaches ~1000:1 on honest data (empty
        # padding, blank images), so a ratio rule refuses real packages, while the work a bomb can
        # cause is already bounded by this sum and, during extraction, by counting real bytes.
        if declared > settings.ELEARNING_MAX_UNPACKED_BYTES:
            raise ValidationError(
                _("Uitgepakt is het pakket %(size)s groot; dat mag hoogstens %(max)s zijn.")
                % {
                    "size": filesizeformat(declared),
                    "max": filesizeformat(settings.ELEARNING_MAX_UNPACKED_BYTES),
                },
                code="unpacked_too_large",
            )
    except BaseException:
        archive.close()
        raise
    return archive, members


def _check_file_folder_clash(members) -> None:
    """A name cannot be both a file and a folder: no storage could hold both."""
    files = {info.filename for info in members if not info.is_dir()}
    for name in files:
        parts = name.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                raise ValidationError(
                    _("In het pakket is %(name)s zowel een bestand als een map.")
                    % {"name": _short(folder)},
                    code="file_and_folder",
                )


def _check_member(info: zipfile.ZipInfo) -> None:
    """Refuse a member whose name or kind could reach outside the package's folder."""
    name = info.orig_filename
    shown = {"name": _short(name.replace("\x00", "\\0"))}
    if "\x00" in name:
        raise ValidationError(
            _("Een bestandsnaam in het pakket bevat een nul-teken: %(name)s.") % shown,
            code="nul_in_name",
        )
    if "\\" in name:
        raise ValidationError(
            _(
                "De bestandsnaam %(name)s bevat een backslash (\\). Een zip-bestand gebruikt "
                "alleen / tussen mappen; maak het pakket opnieuw."
            )
            % shown,
            code="backslash",
        )
    if name.startswith("/"):
        raise ValidationError(
            _(
                "Het bestand %(name)s in het pakket heeft een absoluut pad (het begint met /). "
                "Alle bestanden moeten binnen het pakket staan."
            )
            % shown,
            code="absolute_path",
        )
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        raise ValidationError(
            _(
                "De bestandsnaam %(name)s begint met een stationsletter (zoals C:). "
                "Alle bestanden moeten binnen het pakket staan."
            )
            % shown,
            code="drive_letter",
        )
    if ".." in name.split("/"):
        raise ValidationError(
            _("De bestandsnaam %(name)s bevat '..' en wijst daarmee buiten het pakket.") % shown,
            code="parent_segment",
        )
    if not name.strip("/"):
        raise _damaged()
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ValidationError(
            _(
                "Het pakket bevat een symbolische koppeling (%(name)s). Die is niet toegestaan; "
                "zet het bestand zelf in het pakket."
            )
            % shown,
            code="symlink",
        )
    if info.flag_bits & 0x1:
        raise ValidationError(
            _(
                "Het bestand %(name)s in het pakket is versleuteld met een wachtwoord. "
                "Maak het pakket opnieuw zonder wachtwoord."
            )
            % shown,
            code="encrypted",
        )


class _Budget:
    """The unpacked bytes still allowed, spent as they are really decompressed."""

    def __init__(self, limit: int):
        self.limit = limit
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ValidationError(
                _(
                    "Uitgepakt wordt het pakket groter dan de toegestane %(max)s; de groottes "
                    "die het zip-bestand opgeeft, kloppen niet."
                )
                % {"max": filesizeformat(self.limit)},
                code="unpacked_too_large",
            )


class _MemberFile(File):
    """A zip member streamed into a Storage, counting what it really decompresses."""

    def __init__(self, stream, *, info: zipfile.ZipInfo, budget: _Budget):
        super().__init__(stream, name=PurePosixPath(info.filename).name)
        self.size = info.file_size
        self._info = info
        self._budget = budget
        self._read = 0

    def _count(self, data: bytes) -> bytes:
        self._read += len(data)
        # zipfile stops at the declared size and then checks the CRC; should another reader
        # not, a member longer than it declares is still caught here.
        if self._read > self._info.file_size:
            raise _damaged()
        self._budget.spend(len(data))
        return data

    def read(self, size=-1):
        if size is None or size < 0:
            size = self._info.file_size - self._read + 1
        try:
            data = self.file.read(size)
        except NotImplementedError as error:
            raise _unsupported_compression(self._info) from error
        except _ZIP_ERRORS as error:
            raise _damaged() from error
        return self._count(data)

    def chunks(self, chunk_size=None):
        chunk_size = chunk_size or self.DEFAULT_CHUNK_SIZE
        while data := self.read(chunk_size):
            yield data

    def multiple_chunks(self, chunk_size=None):
        return True


def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    try:
        return archive.open(info)
    except NotImplementedError as error:
        raise _unsupported_compression(info) from error
    except _ZIP_ERRORS as error:
        raise _damaged() from error


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    too_big = ValidationError(
        _("Het bestand %(name)s is te groot om te lezen (hoogstens %(max)s).")
        % {"name": info.filename, "max": filesizeformat(DESCRIPTOR_MAX_BYTES)},
        code="descriptor_too_large",
    )
    if info.file_size > DESCRIPTOR_MAX_BYTES:
        raise too_big
    try:
        with _open_member(archive, info) as stream:
            data = stream.read(DESCRIPTOR_MAX_BYTES + 1)
    except NotImplementedError as error:
        raise _unsupported_compression(info) from error
    except _ZIP_ERRORS as error:
        raise _damaged() from error
    if len(data) > DESCRIPTOR_MAX_BYTES:
        raise too_big
    return data


# --- shared with the other modules of the package ------------------------------------------------


def _not_at_root(files, wanted: str) -> str | None:
    """The shallowest folder holding `wanted`, when it is not at the root."""
    folders = sorted(
        (str(PurePosixPath(path).parent) for path in files if PurePosixPath(path).name == wanted),
        key=lambda folder: (folder.count("/"), folder),
    )
    return folders[0] if folders else None


def _in_folder(wanted: str, folder: str) -> ValidationError:
    return ValidationError(
        _(
            "Het bestand %(file)s staat in de map %(folder)s; het moet in de hoofdmap van het "
            "zip-bestand staan. Zip de inhoud van die map, niet de map zelf."
        )
        % {"file": wanted, "folder": _short(folder)},
        code="nested_descriptor",
    )


def _short(text: str, limit: int = 200) -> str:
    """A name from the package, cut to a length that fits in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean_title(text: str | None) -> str:
    return " ".join((text or "").split())[:TITLE_MAX_LENGTH]
