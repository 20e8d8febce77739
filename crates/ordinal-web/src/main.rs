fn main() {
    ordinal_web::start();
}
