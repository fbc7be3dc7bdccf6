"""The situation report, the local web app and the map/network/PLOVER exports, all read from one case folder.

`views` holds the queries both the report and the app show, so the two can never disagree on a figure.
"""
