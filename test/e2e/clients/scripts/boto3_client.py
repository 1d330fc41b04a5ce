#!/usr/bin/env python3
"""boto3 driven step by step by test/e2e/clients/boto3.test.ts.

Usage: boto3_client.py STEP ARG...   (prints one JSON object on stdout)

Environment: EMU_ENDPOINT (http://127.0.0.1:PORT or https://localhost:PORT), and the usual
AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE / AWS_CA_BUNDLE, which the test points at
temp files so the developer's own configuration is never read.
"""
import json
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

MiB = 1024 * 1024


def client(signature_version=None):
    cfg = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"},
                 signature_version=signature_version)
    return boto3.session.Session().client("s3", endpoint_url=os.environ["EMU_ENDPOINT"],
                                          region_name="us-east-1", config=cfg)


def main(argv):
    step, args = argv[0], argv[1:]
    s3 = client()
    out = {}
    if step == "create_bucket":
        s3.create_bucket(Bucket=args[0])
    elif step == "put":
        bucket, key, path = args
        sent = {}

        def record(request, **_):
            sent.update({k: (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()})

        s3.meta.events.register("before-send.s3.PutObject", record)
        with open(path, "rb") as f:
            r = s3.put_object(Bucket=bucket, Key=key, Body=f)
        out = {"etag": r["ETag"], "sentHeaders": sent}
    elif step == "get":
        bucket, key, path = args
        r = s3.get_object(Bucket=bucket, Key=key)
        with open(path, "wb") as f:
            f.write(r["Body"].read())
        out = {"etag": r["ETag"], "contentLength": r["ContentLength"]}
    elif step == "head":
        bucket, key = args
        r = s3.head_object(Bucket=bucket, Key=key)
        out = {"status": r["ResponseMetadata"]["HTTPStatusCode"], "contentLength": r.get("ContentLength"),
               "contentType": r.get("ContentType"), "etag": r.get("ETag")}
    elif step == "list":
        bucket, prefix = args
        r = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
        out = {"keys": [c["Key"] for c in r.get("Contents", [])]}
    elif step == "copy":
        bucket, src, dst = args
        r = s3.copy_object(Bucket=bucket, Key=dst, CopySource={"Bucket": bucket, "Key": src})
        out = {"etag": r["CopyObjectResult"]["ETag"]}
    elif step == "managed_copy":
        bucket, src, dst = args
        s3.copy({"Bucket": bucket, "Key": src}, bucket, dst,
                Config=TransferConfig(multipart_threshold=8 * MiB, multipart_chunksize=8 * MiB))
    elif step == "delete":
        bucket, key = args
        r = s3.delete_object(Bucket=bucket, Key=key)
        out = {"status": r["ResponseMetadata"]["HTTPStatusCode"]}
    elif step == "upload_file":
        bucket, key, path = args
        parts = []
        s3.meta.events.register("before-send.s3.UploadPart",
                                lambda request, **_: parts.append(request.headers.get("Content-Encoding", b"").decode()
                                                                  if isinstance(request.headers.get("Content-Encoding"), bytes)
                                                                  else request.headers.get("Content-Encoding", "")))
        s3.upload_file(path, bucket, key,
                       Config=TransferConfig(multipart_threshold=8 * MiB, multipart_chunksize=8 * MiB))
        out = {"partContentEncodings": parts}
    elif step == "download_file":
        bucket, key, path = args
        s3.download_file(bucket, key, path,
                         Config=TransferConfig(multipart_threshold=8 * MiB, multipart_chunksize=8 * MiB))
    elif step == "presign":
        bucket, key, version, expires = args
        c = client("s3v4") if version == "v4" else s3
        out = {"url": c.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key},
                                               ExpiresIn=int(expires))}
    else:
        raise SystemExit("unknown step " + step)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
