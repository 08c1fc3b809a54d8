/*
 * edflib_check: reads an EDF/EDF+/BDF/BDF+ file with EDFlib (Debian libedf-dev 1.23) and
 * prints what EDFlib sees, one fact per line, tab-separated, for EdfInteropIT to compare with
 * Liminal's reader and writer.
 *
 *   edflib_check FILE [MAX_VALUES]
 *
 * Lines (text fields have tab, newline and backslash escaped as \t \n \\):
 *   filetype  <0 EDF | 1 EDF+ | 2 BDF | 3 BDF+>
 *   signals   <number of ordinary signals>
 *   datarecords <n>
 *   datarecord_duration <seconds>
 *   start     <yyyy-mm-dd hh:mm:ss> <subsecond in 100 ns units>
 *   field     <name> <text>                  (patient/recording subfields)
 *   signal    <i> <label> <samples per record> <samples in file> <phys min> <phys max>
 *             <dig min> <dig max> <unit> <prefilter> <transducer>
 *   values    <i> <count> <sum> <sum of squares> <first MAX_VALUES values, comma-separated>
 *   annotation <onset seconds> <duration text or empty> <text>
 * Exit status 0 on success, 2 if EDFlib refuses the file (line "error <code>").
 */
#include <edflib.h>
#include <stdio.h>
#include <stdlib.h>

#define CHUNK 65536

static void print_escaped(const char *s) {
  for (; *s; s++) {
    switch (*s) {
      case '\t': fputs("\\t", stdout); break;
      case '\n': fputs("\\n", stdout); break;
      case '\\': fputs("\\\\", stdout); break;
      default: putchar(*s);
    }
  }
}

static void field(const char *name, const char *value) {
  printf("field\t%s\t", name);
  print_escaped(value);
  putchar('\n');
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE [MAX_VALUES]\n", argv[0]);
    return 1;
  }
  long max_values = argc > 2 ? atol(argv[2]) : 10;
  static struct edf_hdr_struct hdr;
  if (edfopen_file_readonly(argv[1], &hdr, EDFLIB_READ_ALL_ANNOTATIONS) != 0) {
    printf("error\t%d\n", hdr.filetype);
    return 2;
  }
  printf("filetype\t%d\n", hdr.filetype);
  printf("signals\t%d\n", hdr.edfsignals);
  printf("datarecords\t%lld\n", hdr.datarecords_in_file);
  printf("datarecord_duration\t%.7f\n", hdr.datarecord_duration / (double) EDFLIB_TIME_DIMENSION);
  printf("start\t%04d-%02d-%02d %02d:%02d:%02d\t%lld\n", hdr.startdate_year, hdr.startdate_month,
         hdr.startdate_day, hdr.starttime_hour, hdr.starttime_minute, hdr.starttime_second,
         hdr.starttime_subsecond);
  field("patient", hdr.patient);
  field("recording", hdr.recording);
  field("patientcode", hdr.patientcode);
  field("gender", hdr.gender);
  field("birthdate", hdr.birthdate);
  field("patient_name", hdr.patient_name);
  field("patient_additional", hdr.patient_additional);
  field("admincode", hdr.admincode);
  field("technician", hdr.technician);
  field("equipment", hdr.equipment);
  field("recording_additional", hdr.recording_additional);

  double *buf = malloc(sizeof(double) * CHUNK);
  if (buf == NULL) return 3;
  for (int i = 0; i < hdr.edfsignals; i++) {
    struct edf_param_struct *p = &hdr.signalparam[i];
    printf("signal\t%d\t", i);
    print_escaped(p->label);
    printf("\t%d\t%lld\t%.17g\t%.17g\t%d\t%d\t", p->smp_in_datarecord, p->smp_in_file, p->phys_min, p->phys_max,
           p->dig_min, p->dig_max);
    print_escaped(p->physdimension);
    putchar('\t');
    print_escaped(p->prefilter);
    putchar('\t');
    print_escaped(p->transducer);
    putchar('\n');

    double sum = 0, sumsq = 0;
    long long done = 0;
    printf("values\t%d\t%lld\t", i, p->smp_in_file);
    /* first values are printed after the sums, so collect them while reading */
    long keep = max_values < p->smp_in_file ? max_values : (long) p->smp_in_file;
    double *first = malloc(sizeof(double) * (keep > 0 ? keep : 1));
    if (first == NULL) return 3;
    edfseek(hdr.handle, i, 0, EDFSEEK_SET);
    while (done < p->smp_in_file) {
      int n = (int) (p->smp_in_file - done < CHUNK ? p->smp_in_file - done : CHUNK);
      int got = edfread_physical_samples(hdr.handle, i, n, buf);
      if (got != n) {
        printf("\nerror\tread %d of %d samples of signal %d\n", got, n, i);
        return 4;
      }
      for (int k = 0; k < n; k++) {
        if (done + k < keep) first[done + k] = buf[k];
        sum += buf[k];
        sumsq += buf[k] * buf[k];
      }
      done += n;
    }
    printf("%.17g\t%.17g\t", sum, sumsq);
    for (long k = 0; k < keep; k++) printf(k == 0 ? "%.17g" : ",%.17g", first[k]);
    putchar('\n');
    free(first);
  }
  free(buf);

  for (long long n = 0; n < hdr.annotations_in_file; n++) {
    struct edf_annotation_struct a;
    if (edf_get_annotation(hdr.handle, (int) n, &a) != 0) return 5;
    printf("annotation\t%.7f\t", a.onset / (double) EDFLIB_TIME_DIMENSION);
    print_escaped(a.duration);
    putchar('\t');
    print_escaped(a.annotation);
    putchar('\n');
  }
  edfclose_file(hdr.handle);
  return 0;
}
