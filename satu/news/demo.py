# ruff: noqa: E501 - demo texts are kept one sentence per line
"""Demo news: a dozen articles of the secretariat, with photos drawn here (no downloads)."""

import datetime
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from satu.accounts.models import User

from . import services
from .models import Article, ArticleStatus, Category

CATEGORIES = {
    "inovasi-daerah": "Inovasi Daerah",
    "kompetisi": "Kompetisi Inovasi",
    "pelayanan-publik": "Pelayanan Publik",
    "survei-kepuasan": "Survei Kepuasan",
    "pengumuman": "Pengumuman",
}

# (category, title, summary, paragraphs, photo description, credit)
ARTICLES = [
    (
        "kompetisi",
        "Kompetisi Inovasi Pelayanan Publik Jawa Tengah 2026 Resmi Dibuka",
        "Seluruh perangkat daerah provinsi dan kabupaten/kota diundang mendaftarkan inovasi terbaiknya.",
        [
            "Pemerintah Provinsi Jawa Tengah kembali menggelar Kompetisi Inovasi Pelayanan Publik. "
            "Pendaftaran dibuka melalui Satu Inovasi hingga akhir bulan depan.",
            "Inovasi yang didaftarkan harus sudah diterapkan sedikitnya satu tahun dan dapat "
            "dibuktikan manfaatnya bagi masyarakat.",
        ],
        "Poster pembukaan kompetisi inovasi",
        "Foto: Biro Organisasi Setda Jateng",
    ),
    (
        "inovasi-daerah",
        "Antrean Online Puskesmas Kini Hadir di 35 Kabupaten/Kota",
        "Warga tidak perlu lagi datang sejak subuh untuk mendapatkan nomor antrean.",
        [
            "Layanan antrean daring puskesmas yang dirintis Dinas Kesehatan kini telah direplikasi di "
            "seluruh kabupaten/kota di Jawa Tengah.",
            "Waktu tunggu rata-rata pasien turun dari tiga jam menjadi kurang dari empat puluh menit.",
        ],
        "Petugas puskesmas melayani pasien",
        "Foto: Humas Dinkes Jateng",
    ),
    (
        "pelayanan-publik",
        "Mal Pelayanan Publik Buka Layanan Akhir Pekan",
        "Sebanyak 120 jenis layanan perizinan dan kependudukan dapat diakses pada hari Sabtu.",
        [
            "Mal Pelayanan Publik kini melayani warga pada hari Sabtu mulai pukul 08.00 hingga 14.00 WIB.",
            "Kebijakan ini menjawab masukan warga yang bekerja pada hari kerja.",
        ],
        "Suasana loket mal pelayanan publik",
        "Foto: DPMPTSP Jateng",
    ),
    (
        "survei-kepuasan",
        "Indeks Kepuasan Masyarakat RSUD Naik Menjadi 88,4",
        "Hasil survei kepuasan masyarakat semester pertama menunjukkan mutu layanan Baik.",
        [
            "Survei melibatkan lebih dari 1.200 responden pasien rawat jalan dan rawat inap.",
            "Unsur waktu pelayanan mendapat nilai tertinggi setelah penerapan antrean daring.",
        ],
        "Grafik hasil survei kepuasan",
        "Foto: RSUD dr. Moewardi",
    ),
    (
        "pengumuman",
        "Jadwal Sosialisasi Pengisian Profil Inovasi untuk Operator OPD",
        "Sosialisasi daring digelar tiga gelombang untuk operator perangkat daerah.",
        [
            "Operator diminta menyiapkan dokumen bukti dukung seperti SK penetapan inovasi dan laporan.",
            "Materi sosialisasi dapat diunduh setelah kegiatan.",
        ],
        "Peserta sosialisasi daring",
        "Foto: Sekretariat Satu Inovasi",
    ),
    (
        "inovasi-daerah",
        "Jemput Bola Adminduk Layani Warga Lansia di Desa Terpencil",
        "Petugas datang ke rumah warga lansia dan penyandang disabilitas untuk perekaman KTP-el.",
        [
            "Inovasi jemput bola ini telah melayani lebih dari 4.000 warga sepanjang tahun.",
            "Warga cukup menghubungi kanal pengaduan untuk menjadwalkan kunjungan petugas.",
        ],
        "Petugas merekam data warga lansia",
        "Foto: Disdukcapil",
    ),
    (
        "kompetisi",
        "Dewan Juri Kompetisi Inovasi Mulai Penilaian Proposal",
        "Sebanyak 312 proposal lolos seleksi administrasi dan masuk tahap penilaian.",
        [
            "Penilaian dilakukan secara tertutup oleh akademisi dan praktisi pelayanan publik.",
            "Hasil penilaian proposal menentukan peserta presentasi dan wawancara.",
        ],
        "Rapat dewan juri",
        "Foto: Biro Organisasi Setda Jateng",
    ),
    (
        "pelayanan-publik",
        "Layanan Resep Obat Antar ke Rumah untuk Pasien Kronis",
        "Pasien penyakit kronis tidak perlu antre di apotek rumah sakit setiap bulan.",
        [
            "Obat diantar oleh petugas farmasi bekerja sama dengan kantor pos.",
            "Layanan ini mengurangi kepadatan ruang tunggu farmasi hingga 30 persen.",
        ],
        "Petugas farmasi menyiapkan paket obat",
        "Foto: RSUD Tugurejo",
    ),
    (
        "inovasi-daerah",
        "Desa Digital: Surat Pengantar Cukup dari Ponsel",
        "Warga desa dapat mengajukan surat pengantar tanpa datang ke balai desa.",
        [
            "Aplikasi desa digital kini dipakai di 250 desa di Jawa Tengah.",
            "Perangkat desa menerima permohonan dan menandatangani surat secara elektronik.",
        ],
        "Warga mengajukan surat melalui ponsel",
        "Foto: Dispermadesdukcapil",
    ),
    (
        "survei-kepuasan",
        "Warga Diajak Mengisi Survei Kepuasan Layanan Lewat Kode QR",
        "Survei dapat diisi tanpa akun dan tanpa mencantumkan identitas.",
        [
            "Kode QR survei dipasang di setiap loket pelayanan.",
            "Hasil survei menjadi bahan perbaikan layanan setiap semester.",
        ],
        "Kode QR survei di meja layanan",
        "Foto: Sekretariat Satu Inovasi",
    ),
    (
        "pengumuman",
        "Batas Akhir Pendaftaran Inovasi Tahun Program 2026",
        "Setiap perangkat daerah wajib mendaftarkan sedikitnya satu inovasi setiap tahun.",
        [
            "Perangkat daerah yang belum mendaftarkan inovasi akan menerima pengingat otomatis.",
            "Daftar kepatuhan perangkat daerah dapat dilihat di papan kepatuhan.",
        ],
        "Kalender batas waktu pendaftaran",
        "Foto: Sekretariat Satu Inovasi",
    ),
    (
        "kompetisi",
        "Dua Inovasi Jawa Tengah Masuk Top 45 KIPP Nasional",
        "Inovasi bidang kesehatan dan perizinan meraih penghargaan KemenPAN-RB.",
        [
            "Penghargaan diserahkan dalam rangkaian kegiatan Kompetisi Inovasi Pelayanan Publik nasional.",
            "Kedua inovasi akan didampingi untuk direplikasi di daerah lain.",
        ],
        "Penyerahan penghargaan inovasi",
        "Foto: Humas Pemprov Jateng",
    ),
]


def _photo(seed: int) -> SimpleUploadedFile:
    """A simple illustration: a gradient with a few shapes, drawn locally."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    width, height = 1200, 675
    base = (rng.randint(0, 60), rng.randint(60, 120), rng.randint(120, 180))
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = tuple(min(255, channel + y // 6) for channel in base)
        draw.line([(0, y), (width, y)], fill=shade)
    for _ in range(6):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 160)
        colour = (rng.randint(180, 255), rng.randint(150, 230), rng.randint(40, 120))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    ground = height - 120
    draw.rectangle([0, ground, width, height], fill=(40, 70, 50))
    for x in range(40, width - 120, 160):  # a row of simple buildings on the ground
        top = ground - rng.randint(80, 220)
        draw.rectangle([x, top, x + 110, ground], fill=(235, 235, 225))
        for window in range(top + 20, ground - 30, 40):
            draw.rectangle([x + 20, window, x + 45, window + 20], fill=(70, 110, 160))
            draw.rectangle([x + 65, window, x + 90, window + 20], fill=(70, 110, 160))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(f"demo-{seed}.png", buffer.getvalue(), content_type="image/png")


def seed(stdout: object) -> None:
    for order, (slug, name) in enumerate(CATEGORIES.items(), start=1):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order * 10})
    author = User.objects.filter(email="sekretariat@satuinovasi.test").first()
    if author is None:
        return
    now = timezone.now()
    for index, (slug, title, summary, paragraphs, alt, credit) in enumerate(ARTICLES):
        if Article.objects.filter(title=title).exists():
            continue
        article = Article(
            title=title,
            category=Category.objects.get(slug=slug),
            status=ArticleStatus.PUBLISHED,
            published_at=now - datetime.timedelta(days=index * 5, hours=index * 3 % 9),
            summary=summary,
            body="\n\n".join(paragraphs),
            photo_alt=alt,
            photo_credit=credit,
        )
        services.save_article(author, article, photo=_photo(index))
